import type { Translate } from './i18n.js';
import { label } from './i18n.js';

/**
 * The summaries the server writes on tasks (hotline, workers, flags, protections) are English sentences;
 * a Ukrainian reader gets each one's Ukrainian version, its details (a masked number, a reason, a count, what a
 * relative said) carried over. A summary typed by staff matches none of these and is shown as typed.
 */
const SUMMARIES: Array<[RegExp, (t: Translate, m: RegExpMatchArray) => string]> = [
  [
    /^operator flag on the caller number (\S+): ([a-z_]+)\./,
    (t, m) =>
      `Оператор позначив номер абонента ${m[1]}: ${label(t, 'flagReason', m[2])}. Підтвердьте (це заблокує запити статусу з нього) або відхиліть на сторінці «Позначені номери».`,
  ],
  [
    /^protection case \(D-10\): he fears reprisal on (exchange and repatriation|exchange|repatriation), recorded by (\S+?)\.(?: He said: ([\s\S]*))?$/,
    (t, m) =>
      `Захист (D-10): він побоюється переслідування під час ${m[1] === 'exchange' ? 'обміну' : m[1] === 'repatriation' ? 'репатріації' : 'обміну та репатріації'}; записав ${m[2]}.${m[3] ? ` Його слова: ${m[3]}` : ''}`,
  ],
  [
    /^hotline: a verified relative asked; a trained person must call back/,
    () => 'Гаряча лінія: перевірений родич запитав; має передзвонити підготовлена людина (перелік O-04).',
  ],
  [
    /^hotline: the caller reached a lookup limit (and left the operator queue|outside operator hours)/,
    (_t, m) =>
      `Гаряча лінія: абонент вичерпав ліміт запитів ${m[1].startsWith('and') ? 'і вийшов із черги до оператора' : 'поза годинами роботи операторів'}; перевірте його, передзвонивши на номер, який вказав утримуваний (O-05).`,
  ],
  [/^hotline: callback requested outside operator hours$/, () => 'Гаряча лінія: прохання передзвонити поза годинами роботи операторів.'],
  [
    /^hotline: the caller left the operator queue for a callback/,
    () => 'Гаряча лінія: абонент вийшов із черги до оператора і чекає дзвінка у вибраний час.',
  ],
  [
    /^hotline: failed status lookups used up the budget of one reference/,
    () =>
      'Гаряча лінія: невдалі запити статусу вичерпали ліміт одного номера справи; автоматичні відповіді за ним призупинено, абонентів з’єднують з людиною, яка перевіряє їх дзвінком на номер, вказаний утримуваним (O-05). Зніміть призупинення, коли родину перевірено.',
  ],
  [
    /^hotline: one caller number went over its own lookup limit/,
    () => 'Гаряча лінія: один номер абонента перевищив свій ліміт запитів; його з’єднують з людиною (можливе вивідування, O-06).',
  ],
  [
    /^hotline: status lookups across the whole line reached the limit/,
    () => 'Гаряча лінія: запити статусу на всій лінії досягли ліміту; абонентів з’єднують з людиною. Ймовірна атака на лінію.',
  ],
  [/^no family contact offered within the contact floor/, () => 'Родині не запропоновано зв’язку в межах мінімального строку (S-08).'],
  [
    /^no NIB report recorded (\d+) days after capture or arrival/,
    (_t, m) =>
      `Немає повідомлення до НІБ через ${m[1]} дн. після полону чи прибуття (D-02): повідомте НІБ, потім запишіть дату на сторінці утримуваного.`,
  ],
  [/^message #(\d+)$/, (_t, m) => `Повідомлення #${m[1]}`],
  [/^follow-up: ([a-z ]+)$/, (t, m) => `Подальший дзвінок: ${label(t, 'outcome', m[1].replace(/ /g, '_')).toLowerCase()}`],
];

/** A task's summary in the viewer's language. */
export function taskSummaryText(t: Translate, lang: string, summary: string | null): string | null {
  if (!summary || lang !== 'uk') return summary;
  for (const [re, uk] of SUMMARIES) {
    const m = summary.match(re);
    if (m) return uk(t, m);
  }
  return summary;
}
