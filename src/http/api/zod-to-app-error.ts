import { ZodError } from 'zod';
import { AppError } from '../../shared/errors.js';

/** Input that fails its zod schema is refused as `invalid_input`, naming the fields (never echoing values). */
export function zodToAppError(e: unknown): unknown {
  if (!(e instanceof ZodError)) return e;
  const fields = e.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`);
  return new AppError('invalid_input', fields.join('; '), 400, { fields: e.issues.map((i) => i.path.join('.')) });
}
