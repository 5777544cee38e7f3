import { z } from 'zod';

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** A day YYYY-MM-DD that exists in the calendar; a blank cell is "not given". */
export const dayCell = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .refine(
      (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
      'is not a real date',
    )
    .optional(),
);

/** The optional date columns: when the NIB report was made (D-02) and when he was captured or arrived (D-03). */
export const dateColumns = { nib_reported_at: dayCell, arrived_at: dayCell };

/** The dates a row gives, as stored (midnight UTC). A blank cell is left out, so it never erases a recorded date. */
export const datesOf = (row: { nib_reported_at?: string; arrived_at?: string }) => ({
  ...(row.nib_reported_at ? { nib_reported_at: new Date(`${row.nib_reported_at}T00:00:00Z`) } : {}),
  ...(row.arrived_at ? { arrived_at: new Date(`${row.arrived_at}T00:00:00Z`) } : {}),
});
