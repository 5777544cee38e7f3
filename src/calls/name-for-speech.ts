import type { Language } from '../storage/schema.js';
import { CYRILLIC_NAME, LATIN_NAME } from '../shared/name-scripts.js';

/**
 * The name a voice of `lang` may read (D-05, D-11): a ru/uk voice reads the Cyrillic form (the stored spoken
 * name, or the name itself when it is Cyrillic), the English voice the name when it is Latin. Undefined when
 * there is none in the listener's script: the prompt then names nobody rather than have a Russian voice spell
 * out "Ivan".
 */
export function nameForSpeech(lang: Language, name: string, spokenName: string | null): string | undefined {
  const n = name.trim();
  if (lang === 'en') return LATIN_NAME.test(n) ? n : undefined;
  if (spokenName && CYRILLIC_NAME.test(spokenName)) return spokenName;
  return CYRILLIC_NAME.test(n) ? n : undefined;
}
