import { z } from 'zod';
import { CYRILLIC_NAME } from '../shared/name-scripts.js';

// The optional CSV columns with the names in Cyrillic, as a Russian or Ukrainian voice reads them (D-11).

export const SPOKEN_NAME_COLUMNS = ['spoken_name', 'contact_spoken_name'] as const;

const cyrillic = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((v) => v === '' || CYRILLIC_NAME.test(v), 'must be written in Cyrillic letters')
    .transform((v) => (v === '' ? null : v));

export const spokenNameColumns = { spoken_name: cyrillic(80), contact_spoken_name: cyrillic(120) };
