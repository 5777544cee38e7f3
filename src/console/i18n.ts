import { en, type Messages } from './i18n-en.js';
import { uk } from './i18n-uk.js';
import type { ConsoleLanguage } from '../accounts/users.js';
import { errorsUk } from './i18n-errors-uk.js';

export type ConsoleLang = ConsoleLanguage;
export type Translate = (key: keyof Messages) => string;

/** The console speaks Ukrainian or English; anything else falls back to English. */
export const consoleLang = (lang: string | undefined): ConsoleLang => (lang === 'uk' ? 'uk' : 'en');

export function translator(lang: ConsoleLang): Translate {
  const m = lang === 'uk' ? uk : en;
  return (key) => m[key] ?? en[key] ?? key;
}

/** The families of codes with names in the tables: a code's key is `<family>_<code>`. */
export type LabelFamily =
  | 'status'
  | 'health'
  | 'lang'
  | 'scope'
  | 'reqStatus'
  | 'enqStatus'
  | 'msgStatus'
  | 'msgKind'
  | 'msgDir'
  | 'taskKind'
  | 'taskStatus'
  | 'role'
  | 'rule'
  | 'outcome'
  | 'window'
  | 'flag'
  | 'flagReason'
  | 'concern'
  | 'subj'
  | 'source'
  | 'callEvent'
  | 'reason'
  | 'state'
  | 'apiRes'
  | 'apiAccess';

/**
 * Every code a console page shows is named through here, in the viewer's language. A code without a name is
 * shown as it is, so the Ukrainian page walk (test/integration/console-ukrainian-walk.test.ts) finds it.
 */
export function label(t: Translate, family: LabelFamily, code: string | null | undefined): string {
  if (code == null || code === '') return '';
  const key = `${family}_${code}` as keyof Messages;
  return key in en ? t(key) : code;
}

/** An API token's scope (`detainees:read`) by name: what it reaches and how. */
export const apiScopeLabel = (t: Translate, scope: string) => {
  const [res, access] = scope.split(':');
  return access ? `${label(t, 'apiRes', res)}: ${label(t, 'apiAccess', access)}` : scope;
};

/** An audit action by name; a supervised call's events (`call.<event>`) are named by their event. */
export function auditLabel(t: Translate, action: string): string {
  const key = `audit_${action}` as keyof Messages;
  if (key in en) return t(key);
  if (action.startsWith('call.')) return `${t('callEvent')}: ${label(t, 'callEvent', action.slice(5))}`;
  return action;
}

/**
 * A refusal in the viewer's language: English shows the server's own sentence (it names numbers and times),
 * Ukrainian the sentence of its code, or a general one for a code without a sentence.
 */
export function errorSentence(lang: ConsoleLang, code: string | undefined, message: string): string {
  if (lang !== 'uk') return message;
  return (code && errorsUk[code]) || errorsUk.generic;
}

type Counted<K> = K extends `${infer B}_one` ? B : never;
/** Phrases counted in the tables with the forms KEY_one, KEY_few, KEY_many, KEY_other (Ukrainian has three integer forms). */
export type CountedKey = Counted<keyof Messages>;

/** `{n}` in the plural form the language's rules pick for n. */
export function countText(lang: ConsoleLang, t: Translate, key: CountedKey, n: number): string {
  const form = new Intl.PluralRules(lang).select(n);
  return t(`${key}_${form}` as keyof Messages).replace('{n}', String(n));
}

/** A call's state by name; states the call feature adds later are shown as they are. */
export const stateLabel = (t: Translate, state: string) => label(t, 'state', state);
/** A reason code (src/calls/reason-codes.ts) by name. */
export const reasonLabel = (t: Translate, code: string) => label(t, 'reason', code);
/** How an attempt ended (AttemptOutcome in src/calls/call-states.ts, or the dialler's carrier_error), by name. */
export const outcomeLabel = (t: Translate, outcome: string) => label(t, 'outcome', outcome);
