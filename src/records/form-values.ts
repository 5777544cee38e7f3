import { z } from 'zod';
import { CYRILLIC_NAME } from '../shared/name-scripts.js';

/** Empty form fields mean "not given": HTML forms send "" for an untouched input. */
export const optionalText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().trim().max(max).optional());

export const nullableText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().trim().max(max).nullable().optional());

/** Checkboxes post "on"; JSON clients send booleans. */
export const flag = z.preprocess(
  (v) => (v === 'on' || v === 'true' || v === '1' ? true : v === 'false' || v === '0' || v === '' ? false : v),
  z.boolean(),
);

/**
 * A name as a Russian or Ukrainian voice reads it (D-11): Cyrillic letters, spaces, hyphens and apostrophes;
 * empty clears it. A Latin name is never given to a ru/uk voice (calls/name-for-speech.ts).
 */
export const cyrillicName = (max: number) =>
  nullableText(max).pipe(z.string().regex(CYRILLIC_NAME, 'must be written in Cyrillic letters').nullable().optional());
