import { en, type Messages } from './i18n-en.js';
import type { Translate } from './i18n.js';

export interface FieldProblem {
  field: string;
  problem: string;
}

/**
 * A refused form in words (parse-input's field list): each field the console knows says what to enter in the
 * viewer's language ("Choose a start time"); any other keeps the validator's note after its name.
 */
export function fieldMessages(t: Translate, fields: readonly FieldProblem[]): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const f of fields) {
    const key = `field_${f.field}` as keyof Messages;
    const line = key in en ? t(key) : `${f.field}: ${f.problem}`;
    if (!seen.has(line)) out.push(line);
    seen.add(line);
  }
  return out.join('; ');
}

/** The field list an invalid_input refusal carries, when it carries one. */
export function fieldsOf(details: Record<string, unknown> | undefined): FieldProblem[] | undefined {
  const fields = details?.fields;
  if (!Array.isArray(fields) || fields.length === 0) return undefined;
  return fields.filter((f): f is FieldProblem => typeof f?.field === 'string' && typeof f?.problem === 'string');
}
