import { generateReference } from '../../src/shared/reference.js';
import type { Seed } from './start-kinline.js';

/**
 * What the n-th caller of a run keys in, in the order the hotline asks for it: '' is silence (the Gather times
 * out), and when the keys run out the caller hangs up wherever the call is. A caller keys the same whatever
 * the answers were, as a person following a leaflet does; so past a rate limit the keys meant for the status
 * menu land in the operator's, as they would. The mix, by n % 20:
 *   0-5   status lookup in Russian with a right secret of the demo data, "9" to hear it again   30%
 *   6, 7  the same in Ukrainian and in English (the greeting is then in that language)        10%
 *   8-10  a demo reference with a wrong secret, then "9" to hear the main menu again          15%
 *   11,12 an unknown reference (a valid check digit, no such detainee)                          10%
 *   13    a mistyped reference (wrong check digit), keyed again, then the right secret          5%
 *   14-16 silence at the language menu, then "0" for an operator; "2" (goodbye) if closed      15%
 *   17    hangs up at the language menu                                                          5%
 *   18    hangs up at the main menu                                                              5%
 *   19    three invalid keys at the main menu                                                   5%
 * A demo reference whose detainee is released, deceased or missing takes the paths the flow has for those.
 */
export function callerKeys(n: number, seeds: Seed[]): string[] {
  const { reference, secret } = seeds[n % seeds.length];
  const lookup = (language: string, ref: string, code: string) => [language, '1', ref, '1', code];
  const r = n % 20;
  if (r <= 5) return [...lookup('1', reference, secret), '9'];
  if (r <= 7) return lookup(r === 6 ? '2' : '3', reference, secret);
  if (r <= 10) return [...lookup('1', reference, secret === '0000' ? '1111' : '0000'), '9'];
  if (r <= 12) return lookup('1', generateReference(), secret);
  if (r === 13) return ['1', '1', reference.slice(0, 9) + String((Number(reference[9]) + 1) % 10), reference, '1', secret];
  if (r <= 16) return ['', '0', '2'];
  if (r === 17) return [];
  if (r === 18) return ['1'];
  return ['1', '5', '5', '5'];
}
