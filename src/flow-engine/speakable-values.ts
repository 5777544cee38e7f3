import { SPEAKABLE_HEALTH_CATEGORIES } from '../storage/schema.js';

/**
 * The only values a templated prompt key may be filled with, e.g. `health.{health}`. Anything else is
 * dropped, so a death or serious-injury status can never reach TTS even if a use case passes it (C-07).
 */
export const SPEAKABLE_VALUES: Readonly<Record<string, readonly string[]>> = {
  health: SPEAKABLE_HEALTH_CATEGORIES,
  recording: ['on', 'off'],
  hours: ['morning', 'afternoon', 'evening'],
};

const TEMPLATE = /\{([a-z_]+)\}/g;

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

/** Every concrete key a templated key can become, for `flows check`. */
export function expandPromptKey(key: string): string[] {
  const m = TEMPLATE.exec(key);
  TEMPLATE.lastIndex = 0;
  if (!m) return [key];
  const values = SPEAKABLE_VALUES[m[1]] ?? [];
  return values.flatMap((v) => expandPromptKey(key.replace(m[0], v)));
}
