import { en, type Messages } from './i18n-en.js';
import { uk } from './i18n-uk.js';
import type { ConsoleLanguage } from '../accounts/users.js';

export type ConsoleLang = ConsoleLanguage;
export type Translate = (key: keyof Messages) => string;

/** The console speaks Ukrainian or English; anything else falls back to English. */
export const consoleLang = (lang: string | undefined): ConsoleLang => (lang === 'uk' ? 'uk' : 'en');

export function translator(lang: ConsoleLang): Translate {
  const m = lang === 'uk' ? uk : en;
  return (key) => m[key] ?? en[key] ?? key;
}

/** State names may come from the call feature; unknown ones are shown as they are. */
export function stateLabel(t: Translate, state: string): string {
  const key = `state_${state}` as keyof Messages;
  return key in en ? t(key) : state;
}

/**
 * A reason code (src/calls/reason-codes.ts) in the viewer's language. A code without a name is shown as it is,
 * so the Ukrainian page walk finds it.
 */
export function reasonLabel(t: Translate, code: string): string {
  const key = `reason_${code}` as keyof Messages;
  return key in en ? t(key) : code;
}

type Counted<K> = K extends `${infer B}_one` ? B : never;
/** Phrases counted in the tables with the forms KEY_one, KEY_few, KEY_many, KEY_other (Ukrainian has three integer forms). */
export type CountedKey = Counted<keyof Messages>;

/** `{n}` in the plural form the language's rules pick for n. */
export function countText(lang: ConsoleLang, t: Translate, key: CountedKey, n: number): string {
  const form = new Intl.PluralRules(lang).select(n);
  return t(`${key}_${form}` as keyof Messages).replace('{n}', String(n));
}

/** How an attempt ended (AttemptOutcome in src/calls/call-states.ts, or the dialler's carrier_error), by name. */
export function outcomeLabel(t: Translate, outcome: string): string {
  const key = `outcome_${outcome}` as keyof Messages;
  return key in en ? t(key) : outcome;
}
