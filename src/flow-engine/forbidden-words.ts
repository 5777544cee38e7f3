import type { Language } from '../storage/schema.js';

// C-07: the IVR never speaks death, serious injury or "missing, possibly dead". These patterns are a net for
// `flows check`; the allow-list in speakable-values.ts is the guard at run time.
const NOT_LETTER = '(?<![\\p{L}])';
const words = (stems: string[]) => new RegExp(`${NOT_LETTER}(${stems.join('|')})`, 'iu');

export const FORBIDDEN_TEXT: Record<Language, RegExp> = {
  ru: words(['погиб', 'умер', 'смерт', 'мёртв', 'мертв', 'убит', 'тяжел', 'тяжёл', 'ранен', 'критическ', 'тело', 'останк', 'гибел']),
  uk: words(['загин', 'загиб', 'помер', 'смерт', 'мертв', 'вбит', 'важк', 'поранен', 'критичн', 'тіло', 'останк']),
  en: words(['dead', 'death', 'died', 'deceased', 'kill', 'serious', 'critical', 'injur', 'wound', 'fatal', 'body', 'remains']),
};

export const FORBIDDEN_KEY = /(deceased|dead|death|died|serious|critical|possibly|killed|injur|wound)/i;
