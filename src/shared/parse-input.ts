import type { z } from 'zod';
import { AppError } from './errors.js';

/**
 * Validates input with zod; the one place a zod failure becomes an AppError: 'invalid_input' (400) naming
 * each field and what is wrong with it (never the value), so forms and API clients see the reason, not a 500.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const fields = r.error.issues.map((i) => ({ field: i.path.join('.') || 'input', problem: i.message.replace(/^Invalid input: /, '') }));
  throw new AppError('invalid_input', fields.map((f) => `${f.field}: ${f.problem}`).join('; '), 400, { fields });
}
