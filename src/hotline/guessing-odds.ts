import { REFERENCE_WINDOWS, type LookupLimits } from './lookup-limits.js';

/**
 * The most secret checks an attacker gets against one reference in `days`, whatever numbers he calls from: in
 * each failure window the budget, over as many windows as `days` can touch (fixed windows: a span of `days`
 * may start at the end of one window and end at the start of another).
 */
export function maxGuesses(limits: LookupLimits, days: number): number {
  const span = days * 86_400;
  let least = Infinity;
  for (const w of Object.keys(REFERENCE_WINDOWS) as Array<keyof typeof REFERENCE_WINDOWS>) {
    const windows = Math.ceil(span / REFERENCE_WINDOWS[w]) + 1;
    least = Math.min(least, windows * limits.referenceFailures[w]);
  }
  return least;
}

/**
 * The chance that an attacker who tries a different secret each time guesses one of `secrets` secrets of
 * `digits` digits against one reference within `days`, at most (C-03, A-07).
 */
export function guessingOdds(limits: LookupLimits, digits: number, days: number, secrets = 1): number {
  const space = 10 ** digits;
  const guesses = Math.min(maxGuesses(limits, days), space);
  // Guesses without repetition: the chance that none of `guesses` distinct values is one of `secrets` values.
  let miss = 1;
  for (let i = 0; i < guesses; i++) miss *= Math.max(0, (space - secrets - i) / (space - i));
  return 1 - miss;
}
