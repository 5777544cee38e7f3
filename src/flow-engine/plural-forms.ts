import type { Language } from '../storage/schema.js';

const rules = new Map<Language, Intl.PluralRules>();
const rulesFor = (lang: Language) => {
  let r = rules.get(lang);
  if (!r) rules.set(lang, (r = new Intl.PluralRules(lang)));
  return r;
};

/**
 * The plural forms a counted prompt needs in a language, as Intl.PluralRules names them: Russian and
 * Ukrainian one, few, many, other ("1 минута, 2 минуты, 5 минут"); English one, other.
 */
export function pluralCategories(lang: Language): string[] {
  return [...rulesFor(lang).resolvedOptions().pluralCategories].sort();
}

/** `KEY.form` for the number `value` in `lang`; undefined when the value is not a number. */
export function pluralKey(key: string, lang: Language, value: string | undefined): string | undefined {
  const n = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(n)) return undefined;
  return `${key}.${rulesFor(lang).select(n)}`;
}
