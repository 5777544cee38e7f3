import type { Language } from '../storage/schema.js';

/** What a desk call says to the operator, in the operator's language (operators speak Ukrainian or Russian). */
interface Words {
  /** The caller's language, as "a caller in ___". */
  languageName: Record<Language, string>;
  minutes: Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
  /** A wait under a minute: "1 minute" after a few seconds would mislead the operator. */
  underAMinute: string;
  whisper(language: string, wait: string): string;
  pressOne: string;
  flags: Record<string, string>;
  callerGone: string;
  setUnavailable: string;
  notNeeded: string;
}

const WORDS: Record<Language, Words> = {
  uk: {
    languageName: { ru: 'російською', uk: 'українською', en: 'англійською' },
    minutes: { one: 'хвилину', few: 'хвилини', many: 'хвилин', other: 'хвилини' },
    underAMinute: 'менше хвилини',
    whisper: (l, w) => `Дзвінок ${l} мовою, очікує ${w}.`,
    pressOne: 'Щоб прийняти дзвінок, натисніть 1.',
    flags: { attempt_limit: 'Абонент вичерпав спроби довідки.', bad_news: 'Потрібна розмова про важливу звістку.' },
    callerGone: 'Абонент уже поклав слухавку. Ви знову доступні.',
    setUnavailable: 'Ви не натиснули 1, тому вас позначено як недоступного. Поверніться на чергування в консолі.',
    notNeeded: 'Цей дзвінок уже не потрібен. Дякуємо.',
  },
  ru: {
    languageName: { ru: 'на русском', uk: 'на украинском', en: 'на английском' },
    minutes: { one: 'минуту', few: 'минуты', many: 'минут', other: 'минуты' },
    underAMinute: 'меньше минуты',
    whisper: (l, w) => `Звонок ${l} языке, ожидает ${w}.`,
    pressOne: 'Чтобы принять звонок, нажмите 1.',
    flags: { attempt_limit: 'Абонент исчерпал попытки справки.', bad_news: 'Нужен разговор о важном известии.' },
    callerGone: 'Абонент уже положил трубку. Вы снова доступны.',
    setUnavailable: 'Вы не нажали 1, поэтому отмечены как недоступный. Вернитесь на дежурство в консоли.',
    notNeeded: 'Этот звонок уже не нужен. Спасибо.',
  },
  en: {
    languageName: { ru: 'in Russian', uk: 'in Ukrainian', en: 'in English' },
    minutes: { one: 'minute', other: 'minutes' },
    underAMinute: 'less than a minute',
    whisper: (l, w) => `A caller ${l}, waiting ${w}.`,
    pressOne: 'To take the call, press 1.',
    flags: { attempt_limit: 'The caller reached a lookup limit.', bad_news: 'A conversation about important news is needed.' },
    callerGone: 'The caller has hung up. You are available again.',
    setUnavailable: 'You did not press 1, so you are set as unavailable. Go back on duty in the console.',
    notNeeded: 'This call is no longer needed. Thank you.',
  },
};

export const deskWords = (lang: Language): Words => WORDS[lang];

/** "A caller in Russian, waiting 2 minutes. [flags] Press 1." in the operator's language. */
export function whisperText(lang: Language, caller: { language: string; waitedSeconds: number; flags: readonly string[] }): string {
  const w = WORDS[lang];
  const minutes = Math.max(1, Math.round(caller.waitedSeconds / 60));
  const form = new Intl.PluralRules(lang).select(minutes);
  const wait = caller.waitedSeconds < 60 ? w.underAMinute : `${minutes} ${w.minutes[form] ?? w.minutes.other}`;
  const name = w.languageName[caller.language as Language] ?? w.languageName.ru;
  const flags = caller.flags.map((f) => w.flags[f]).filter(Boolean);
  return [w.whisper(name, wait), ...flags, w.pressOne].join(' ');
}
