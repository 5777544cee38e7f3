import { DateTime, IANAZone } from 'luxon';

/** The languages times are labelled in (the console's). */
export type TimeLang = 'uk' | 'en';

/** City names people know, for the zones the hotline meets most; any other zone shows its last segment. */
const CITIES: Record<string, { uk: string; en: string }> = {
  'Europe/Kyiv': { uk: 'Київ', en: 'Kyiv' },
  'Europe/Kiev': { uk: 'Київ', en: 'Kyiv' },
  'Europe/Moscow': { uk: 'Москва', en: 'Moscow' },
  'Europe/Simferopol': { uk: 'Сімферополь', en: 'Simferopol' },
  'Europe/Minsk': { uk: 'Мінськ', en: 'Minsk' },
  'Europe/Warsaw': { uk: 'Варшава', en: 'Warsaw' },
  'Europe/Berlin': { uk: 'Берлін', en: 'Berlin' },
  'Europe/London': { uk: 'Лондон', en: 'London' },
  'Europe/Volgograd': { uk: 'Волгоград', en: 'Volgograd' },
  'Europe/Samara': { uk: 'Самара', en: 'Samara' },
  'Asia/Yekaterinburg': { uk: 'Єкатеринбург', en: 'Yekaterinburg' },
  'Asia/Novosibirsk': { uk: 'Новосибірськ', en: 'Novosibirsk' },
  UTC: { uk: 'UTC', en: 'UTC' },
  'Etc/UTC': { uk: 'UTC', en: 'UTC' },
};

/** True for a zone luxon (and so Intl) knows, such as Europe/Kyiv; the one check every zone setting uses. */
export const isTimeZone = (zone: string): boolean => zone.trim() !== '' && IANAZone.isValidZone(zone);

/** The zone's city, localised where simple: Europe/Kyiv → Kyiv (en) or Київ (uk); America/New_York → New York. */
export function zoneCity(zone: string, lang: TimeLang): string {
  const known = CITIES[zone];
  if (known) return known[lang];
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

const at = (d: Date | string, zone: string) => DateTime.fromJSDate(new Date(d), { zone });

/** An instant as a date and time in the zone, "2026-03-29 14:02" (seconds when asked); empty for no time. */
export function formatInstant(d: Date | string | null | undefined, zone: string, opts: { seconds?: boolean } = {}): string {
  if (!d) return '';
  return at(d, zone).toFormat(opts.seconds ? 'yyyy-MM-dd HH:mm:ss' : 'yyyy-MM-dd HH:mm');
}

/**
 * A call's time for the viewer and the relative: "2026-03-29 14:00 Kyiv · 15:00 Moscow", or only the viewer's
 * when both clocks read the same; the relative's date is added when it differs from the viewer's.
 */
export function formatCallTime(d: Date | string, viewerZone: string, relativeZone: string | null | undefined, lang: TimeLang): string {
  const mine = at(d, viewerZone);
  const own = `${mine.toFormat('yyyy-MM-dd HH:mm')} ${zoneCity(viewerZone, lang)}`;
  if (!relativeZone || !isTimeZone(relativeZone)) return own;
  const theirs = at(d, relativeZone);
  if (theirs.toFormat('yyyy-MM-dd HH:mm') === mine.toFormat('yyyy-MM-dd HH:mm')) return own;
  const day = theirs.toFormat('yyyy-MM-dd') === mine.toFormat('yyyy-MM-dd') ? '' : `${theirs.toFormat('yyyy-MM-dd')} `;
  return `${own} · ${day}${theirs.toFormat('HH:mm')} ${zoneCity(relativeZone, lang)}`;
}

/** The value a datetime-local input shows for an instant in the zone: "2026-03-29T14:05". */
export const toLocalInput = (d: Date, zone: string): string => at(d, zone).toFormat("yyyy-MM-dd'T'HH:mm");

/**
 * A datetime-local value ("2026-03-29T14:05", no zone) read as a time in the zone; a value that carries its own
 * offset ("…Z", "…+03:00") keeps it. Undefined when it is not a time, so the caller's validator names the field.
 */
export function parseLocalInput(value: string | undefined, zone: string): Date | undefined {
  if (!value) return undefined;
  const local = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value);
  const dt = local ? DateTime.fromISO(value, { zone }) : DateTime.fromISO(value, { setZone: true });
  return dt.isValid ? dt.toJSDate() : undefined;
}

/** The next whole `stepMinutes` at or after the instant: a default start that is not before it once cut to the minute. */
export function ceilToMinutes(d: Date, stepMinutes = 1): Date {
  const step = stepMinutes * 60_000;
  return new Date(Math.ceil(d.getTime() / step) * step);
}
