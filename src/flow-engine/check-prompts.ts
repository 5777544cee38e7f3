import { LANGUAGES, type Language } from '../storage/schema.js';
import type { Flow, PromptRef } from './types.js';
import { expandPromptKey, placeholders, SPEAKABLE_TEXT_VALUES, SPEAKABLE_VALUES } from './speakable-values.js';
import { pluralCategories } from './plural-forms.js';
import { FORBIDDEN_KEY, FORBIDDEN_TEXT, PLACE_TEXT, TIME_OF_DAY_GREETING } from './forbidden-words.js';

const refParts = (ref: PromptRef) => (typeof ref === 'string' ? { key: ref, lang: undefined, count: undefined } : ref);

/** The languages a prompt ref is spoken in: its fixed one, or any. */
export function refLanguages(ref: PromptRef): readonly Language[] {
  const { lang } = refParts(ref);
  return lang ? [lang] : LANGUAGES;
}

/** The keys a ref can speak in `lang`: each allowed value of a templated key, each plural form of a counted one. */
export function concreteKeys(ref: PromptRef, lang: Language): string[] {
  const { key, count } = refParts(ref);
  return expandPromptKey(key).flatMap((k) => (count ? pluralCategories(lang).map((form) => `${k}.${form}`) : [k]));
}

/** A step's prompt ref: only allowed templates and counts, and the text present in every language it is spoken in. */
export function checkPromptRef(flow: Flow, stepId: string, ref: PromptRef): string[] {
  const problems: string[] = [];
  const { key, count } = refParts(ref);
  for (const v of placeholders(key)) {
    if (!SPEAKABLE_VALUES[v]) problems.push(`${stepId}: prompt ${key} fills {${v}}, which is not an allowed value set`);
  }
  if (count !== undefined && !SPEAKABLE_TEXT_VALUES[count]?.number)
    problems.push(`${stepId}: prompt ${key} is counted by ${count}, which is not an allowed number`);
  if (FORBIDDEN_KEY.test(key)) problems.push(`${stepId}: prompt ${key} names a death or injury status (C-07)`);
  for (const lang of refLanguages(ref)) {
    for (const concrete of concreteKeys(ref, lang)) {
      if (flow.prompts[lang][concrete] === undefined) problems.push(`${stepId}: prompt ${concrete} is missing in ${lang}`);
    }
  }
  return problems;
}

const same = (a: string[], b: string[]) => [...new Set(a)].sort().join() === [...new Set(b)].sort().join();

/**
 * Every text in every language: nothing that could speak a death or injury status, even as a euphemism (C-07),
 * a place of detention or the capture (C-06, D-08), no greeting by the time of day (C-01), only values that are
 * allowed in a text, and the same values as the Russian text of the same key.
 */
export function checkPromptTexts(flow: Flow): string[] {
  const problems: string[] = [];
  for (const lang of LANGUAGES) {
    for (const [key, text] of Object.entries(flow.prompts[lang])) {
      const where = `prompts.${lang}.${key}`;
      if (FORBIDDEN_KEY.test(key)) problems.push(`${where}: the key names a death or injury status (C-07)`);
      if (FORBIDDEN_TEXT[lang].test(text)) problems.push(`${where}: the text could speak a death or injury status (C-07)`);
      if (PLACE_TEXT[lang].test(text))
        problems.push(`${where}: the text could name a place of detention or how he was captured (C-06, D-08)`);
      if (TIME_OF_DAY_GREETING[lang].test(text)) problems.push(`${where}: the text greets by the time of day, wrong at some hours (C-01)`);
      const values = placeholders(text);
      for (const v of values)
        if (!SPEAKABLE_TEXT_VALUES[v]) problems.push(`${where}: the text fills {${v}}, which is not an allowed value`);
      const ru = flow.prompts.ru[key];
      if (lang !== 'ru' && ru !== undefined && !same(values, placeholders(ru)))
        problems.push(`${where}: the text fills other values than prompts.ru.${key}`);
    }
  }
  return problems;
}
