import { SPEAKABLE_HEALTH_CATEGORIES } from '../storage/schema.js';
import { RELATIONS } from './relations.js';

/**
 * The only values a templated prompt key may be filled with, e.g. `health.{health}`. Anything else is
 * dropped, so a death or serious-injury status can never reach TTS even if a use case passes it (C-07).
 */
export const SPEAKABLE_VALUES: Readonly<Record<string, readonly string[]>> = {
  health: SPEAKABLE_HEALTH_CATEGORIES,
  recording: ['on', 'off'],
  hours: ['morning', 'afternoon', 'evening'],
  // A message from the detainee that this contact may hear (C-06): `message.{message}` says that it waits.
  message: ['waiting'],
  // D-05, D-11: who answered, as a word each language declines itself; `named`: whether a name in the
  // listener's script goes with it (a Latin name is never read by a ru/uk voice); an interpreter, when there is one.
  relation: RELATIONS,
  named: ['named', 'unnamed'],
  interpreter: ['on'],
};

/**
 * The only values a prompt's text may carry as `{var}`, each with the one shape it may have; a value of any
 * other shape drops the sentence, so nothing but a number or a name is ever read out from data (C-07).
 * `number`: may pick a counted prompt's plural form. `private`: spoken only once a use case has checked who answered, never in the first words a line hears,
 * which a voicemail may record (O-02); `flows check` enforces it.
 */
export const SPEAKABLE_TEXT_VALUES: Readonly<Record<string, { pattern: RegExp; number?: boolean; private?: boolean }>> = {
  // A call's maximum length in minutes (D-06), as scheduling allows it; it can count a prompt's plural form.
  minutes: { pattern: /^(?:[1-9]|[1-5][0-9]|60)$/, number: true },
  // A caller's place in the operator queue (the Enqueue wait document, 1 to 9999).
  position: { pattern: /^[1-9][0-9]{0,3}$/, number: true },
  // The detainee's given name (D-05): letters, digits, apostrophes, hyphens, dots and spaces.
  name: { pattern: /^[\p{L}\p{M}][\p{L}\p{M}\p{N}'’ʼ. -]{0,99}$/u, private: true },
  // The name of the contact who answered, read to the detainee (D-05): the same shape.
  contact_name: { pattern: /^[\p{L}\p{M}][\p{L}\p{M}\p{N}'’ʼ. -]{0,119}$/u, private: true },
};

const TEMPLATE = /\{([a-z_]+)\}/g;

/** The `{var}` names a key or text holds. */
export const placeholders = (s: string): string[] => [...s.matchAll(TEMPLATE)].map((m) => m[1]);

/** Fills `{var}` in a prompt key from the allow-list; undefined when any value is not speakable. */
export function fillPromptKey(key: string, vars: Record<string, string>): string | undefined {
  let ok = true;
  const filled = key.replace(TEMPLATE, (_m, name: string) => {
    const v = vars[name];
    if (v === undefined || !SPEAKABLE_VALUES[name]?.includes(v)) ok = false;
    return v ?? '';
  });
  return ok ? filled : undefined;
}

/** Fills `{var}` in a prompt's text; undefined when any value is missing or not of its allowed shape. */
export function fillPromptText(text: string, vars: Record<string, string>): string | undefined {
  let ok = true;
  const filled = text.replace(TEMPLATE, (_m, name: string) => {
    const v = vars[name];
    if (v === undefined || !SPEAKABLE_TEXT_VALUES[name]?.pattern.test(v)) ok = false;
    return v ?? '';
  });
  return ok ? filled : undefined;
}

/** Every concrete key a templated key can become, for `flows check`. */
export function expandPromptKey(key: string): string[] {
  const m = TEMPLATE.exec(key);
  TEMPLATE.lastIndex = 0;
  if (!m) return [key];
  const values = SPEAKABLE_VALUES[m[1]] ?? [];
  return values.flatMap((v) => expandPromptKey(key.replace(m[0], v)));
}
