import type { Language } from '../storage/schema.js';
import { parseReason, reasonText } from '../records/reason-texts.js';

/** The reason a call_reason task carries, as the text to tell (O-07), in `lang`; null for any other task. */
export function taskReasonText(stored: string | null, lang: Language): string | null {
  const r = parseReason(stored);
  return r ? reasonText(r.kind, r.code, lang) : null;
}
