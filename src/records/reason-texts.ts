import type { Language } from '../storage/schema.js';

/** What a reason explains: a denied call request or a cancelled call (O-07, S-01). */
export type ReasonKind = 'deny' | 'cancel';
type Texts = Record<Language, string>;

const LEAD: Record<ReasonKind, Texts> = {
  deny: { ru: 'Запрос на звонок не одобрен.', uk: 'Запит на дзвінок не схвалено.', en: 'The call request was not approved.' },
  cancel: { ru: 'Звонок отменён.', uk: 'Дзвінок скасовано.', en: 'The call was cancelled.' },
};

const FACILITY_UNAVAILABLE: Texts = {
  ru: 'Учреждение не может провести звонок в это время.',
  uk: 'Установа не може провести дзвінок у цей час.',
  en: 'The facility cannot hold the call at this time.',
};
const OTHER: Texts = {
  ru: 'Причины нет в стандартном списке.',
  uk: 'Причини немає в стандартному списку.',
  en: 'The reason is not on the standard list.',
};

/** One text per code of DENY_REASONS (src/calls/reason-codes.ts; a test checks every code has one). */
const DENY: Record<string, Texts> = {
  not_nominated: {
    ru: 'Этого номера нет в списке номеров для звонков.',
    uk: 'Цього номера немає в списку номерів для дзвінків.',
    en: 'This number is not on the list of numbers for calls.',
  },
  consent_missing: { ru: 'Нет согласия на звонки.', uk: 'Немає згоди на дзвінки.', en: 'There is no consent for calls.' },
  security_assessment: {
    ru: 'Учреждение не разрешило звонок по соображениям безопасности.',
    uk: 'Установа не дозволила дзвінок з міркувань безпеки.',
    en: 'The facility did not allow the call for security reasons.',
  },
  facility_unavailable: FACILITY_UNAVAILABLE,
  duplicate_request: { ru: 'Этот звонок уже запрошен.', uk: 'Цей дзвінок уже запитано.', en: 'This call has already been requested.' },
  quota_reached: {
    ru: 'Все звонки на эту неделю уже использованы.',
    uk: 'Усі дзвінки на цей тиждень уже використано.',
    en: 'All calls for this week have been used.',
  },
  other: OTHER,
};

/** One text per code of CANCEL_REASONS. */
const CANCEL: Record<string, Texts> = {
  detainee_request: {
    ru: 'Задержанный попросил его отменить.',
    uk: 'Затриманий попросив його скасувати.',
    en: 'The detainee asked to cancel it.',
  },
  contact_request: {
    ru: 'Родственник попросил его отменить.',
    uk: 'Родич попросив його скасувати.',
    en: 'The relative asked to cancel it.',
  },
  facility_unavailable: FACILITY_UNAVAILABLE,
  transfer: {
    ru: 'Задержанного переводят в другое учреждение.',
    uk: 'Затриманого переводять до іншої установи.',
    en: 'The detainee is being moved to another facility.',
  },
  released: { ru: 'Задержанного освободили.', uk: 'Затриманого звільнили.', en: 'The detainee has been released.' },
  security_incident: {
    ru: 'Учреждение отменило его по соображениям безопасности.',
    uk: 'Установа скасувала його з міркувань безпеки.',
    en: 'The facility cancelled it for security reasons.',
  },
  rescheduled: {
    ru: 'Звонок перенесут на другое время.',
    uk: 'Дзвінок перенесуть на інший час.',
    en: 'The call will be moved to another time.',
  },
  other: OTHER,
};

const REASONS: Record<ReasonKind, Record<string, Texts>> = { deny: DENY, cancel: CANCEL };

/**
 * The one table of reason texts (O-07): the console, the detainee's notices and the family's callback tasks all
 * read a reason from here, in the listener's language. An unknown code gets the lead sentence alone.
 */
export function reasonText(kind: ReasonKind, code: string, lang: Language): string {
  const reason = (Object.hasOwn(REASONS[kind], code) ? REASONS[kind][code] : undefined)?.[lang];
  return reason ? `${LEAD[kind][lang]} ${reason}` : LEAD[kind][lang];
}

/** A task's or notice's stored code `deny:quota_reached` split into its kind and code. */
export function parseReason(stored: string | null): { kind: ReasonKind; code: string } | undefined {
  const m = stored?.match(/^(deny|cancel):([a-z_]+)$/);
  return m ? { kind: m[1] as ReasonKind, code: m[2] } : undefined;
}
