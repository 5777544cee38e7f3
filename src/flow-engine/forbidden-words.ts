import type { Language } from '../storage/schema.js';

// C-07: the IVR never speaks death, serious injury or "missing, possibly dead", in plain words or in the
// euphemisms a kind speaker reaches for ("he is no longer with us"). C-06, D-08: never the place of internment
// or how he was captured. These patterns are a net for `flows check` over every flow's prompts; the allow-list in
// speakable-values.ts is the guard at run time. A stem matches at the start of a word; `\s+` joins a phrase.
const NOT_LETTER = '(?<![\\p{L}])';
const words = (stems: string[]) => new RegExp(`${NOT_LETTER}(${stems.join('|')})`, 'iu');

export const FORBIDDEN_TEXT: Record<Language, RegExp> = {
  ru: words([
    'погиб',
    'умер',
    'смерт',
    'мёртв',
    'мертв',
    'убит',
    'тяжел',
    'тяжёл',
    'ранен',
    'критическ',
    'тело',
    'останк',
    'гибел',
    // Euphemisms.
    'нет\\s+с\\s+нами',
    'не\\s+стало',
    'ушёл\\s+из\\s+жизни',
    'ушел\\s+из\\s+жизни',
    'ушёл\\s+от\\s+нас',
    'скончал',
    'покойн',
    // The noun (a loss), not the verb: "the line was lost" may be said of a call.
    'утрат(а|ы|е|у|ой)(?!\\p{L})',
    'без\\s+вести',
  ]),
  uk: words([
    'загин',
    'загиб',
    'помер',
    'смерт',
    'мертв',
    'вбит',
    'важк',
    'поранен',
    'критичн',
    'тіло',
    'останк',
    // Euphemisms.
    'нема(є)?\\s+з\\s+нами',
    'не\\s+стало',
    'пішов\\s+з\\s+життя',
    'пішов\\s+від\\s+нас',
    'відійшов',
    'спочив',
    'покійн',
    'втрат(а|и|і|у|ою)(?!\\p{L})',
    'без\\s*вісти',
  ]),
  en: words([
    'dead',
    'death',
    'died',
    'deceased',
    'kill',
    'serious',
    'critical',
    'injur',
    'wound',
    'fatal',
    'body',
    'remains',
    // Euphemisms.
    'passed\\s+(away|on)',
    'life\\s+ended',
    'lost\\s+(him|his|her|them|your|our|a\\s+son|a\\s+husband)',
    'we\\s+lost',
    'no\\s+longer\\s+with',
    'not\\s+with\\s+us',
    'perish',
    'fallen',
    'rest\\s+in\\s+peace',
    'missing\\s+in\\s+action',
  ]),
};

/** C-06, D-08: a place of detention ("held at", "в колонии", "у полоні в …") or how he was captured. */
export const PLACE_TEXT: Record<Language, RegExp> = {
  ru: words([
    'взят\\p{L}*\\s+под',
    'под\\s+страж',
    'под\\s+арест',
    'колони',
    'лагер',
    'тюрьм',
    'тюрем',
    'сизо',
    'изолятор',
    'исправительн',
    'плену\\s+(в|у|под)\\s',
    'содерж\\p{L}*\\s+(в|во|на)\\s',
    'удержива\\p{L}*\\s+(в|во|на)\\s',
    'сдал(ся|ись)',
    'сдач',
    'захвач',
  ]),
  uk: words([
    'взят\\p{L}*\\s+під',
    'взято\\s+під',
    'під\\s+варт',
    'під\\s+арешт',
    'колоні',
    'табор',
    "в['’ʼ]?язниц",
    'сізо',
    'ізолятор',
    'виправн',
    'полоні\\s+(в|у|під)\\s',
    'утриму\\p{L}*\\s+(в|у|на)\\s',
    'здав(ся|шись)',
    'здал(ися|ась)',
    'захопл',
  ]),
  en: words([
    'held\\s+(at|in|by|near)\\s',
    'detained\\s+(at|in|by|near)\\s',
    'camp',
    'prison(?!er)',
    'jail',
    'gaol',
    'colony',
    'penal',
    'surrender',
    'captur',
  ]),
};

/** C-01: "good afternoon" is wrong at night; a greeting that names the time of day is refused. */
export const TIME_OF_DAY_GREETING: Record<Language, RegExp> = {
  ru: words(['добр(ый|ого|ое|ой)\\s+(день|дня|утр|вечер|ночи)', 'спокойной\\s+ночи']),
  uk: words(['добр(ий|ого|ої|е)\\s+(день|дня|ранку|ранок|вечор|вечір|ночі)', 'на\\s+добраніч']),
  en: words(['good\\s+(morning|afternoon|evening|day|night)']),
};

export const FORBIDDEN_KEY = /(deceased|dead|death|died|serious|critical|possibly|killed|injur|wound)/i;
