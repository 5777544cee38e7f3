/**
 * A facility's call hours per weekday (A-08, O-01), and the one text format the API, the CSV import, the
 * console and the CLI share: groups separated by `;`, each a set of days and one window, e.g.
 * `mon-fri 09:00-18:00; sat 10:00-14:00`. Days are mon..sun, ranges (`mon-fri`, `fri-mon` wraps), lists
 * (`mon,wed`) or `every day`; a window ends after it starts, at most at 24:00; a day not named has no calls;
 * `none` means no calls on any day. The formatter writes the canonical form: days in order, runs of days
 * with the same window as ranges.
 */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface DayHours {
  start: string; // HH:MM
  end: string; // HH:MM, up to 24:00, after start
}
export type WeeklyHours = Record<Weekday, DayHours | null>;

export type ParsedHours = { ok: true; hours: WeeklyHours } | { ok: false; problem: string };

const FULL_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const EXAMPLE = 'write days then hours, e.g. mon-fri 09:00-18:00; sat 10:00-14:00';

export const noHours = (): WeeklyHours => Object.fromEntries(WEEKDAYS.map((d) => [d, null])) as WeeklyHours;
export const everyDay = (start: string, end: string): WeeklyHours =>
  Object.fromEntries(WEEKDAYS.map((d) => [d, { start, end }])) as WeeklyHours;

/** The hours of a new facility unless given: every day 09:00-18:00 (mon-sun 09:00-18:00). */
export const DEFAULT_HOURS: WeeklyHours = everyDay('09:00', '18:00');

function dayIndex(word: string): number {
  const w = word.trim().toLowerCase();
  const i = WEEKDAYS.indexOf(w as Weekday);
  return i >= 0 ? i : FULL_NAMES.indexOf(w);
}

function parseDays(text: string): number[] | string {
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === 'every day' || t === 'daily') return [0, 1, 2, 3, 4, 5, 6];
  const days: number[] = [];
  for (const part of t.split(',')) {
    const [from, to, ...rest] = part.split('-');
    const a = dayIndex(from);
    const b = to === undefined ? a : dayIndex(to);
    if (rest.length || a < 0 || b < 0)
      return `"${part.trim()}" is not a day: use mon, tue, wed, thu, fri, sat, sun or a range like mon-fri`;
    for (let i = a; ; i = (i + 1) % 7) {
      days.push(i);
      if (i === b) break;
    }
  }
  return days;
}

function parseTime(text: string, isEnd: boolean): string | undefined {
  const m = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!m) return undefined;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (min > 59 || h > 24 || (h === 24 && (min > 0 || !isEnd))) return undefined;
  return `${String(h).padStart(2, '0')}:${m[2]}`;
}

/** Parses the text format; a problem says what is wrong and how to write it. */
export function parseWeeklyHours(text: string): ParsedHours {
  const groups = text
    .split(/[;\n]/)
    .map((g) => g.trim())
    .filter(Boolean);
  if (groups.length === 0) return { ok: false, problem: `is empty: ${EXAMPLE}, or none for no calls` };
  if (groups.length === 1 && groups[0].toLowerCase() === 'none') return { ok: true, hours: noHours() };
  const hours = noHours();
  for (const g of groups) {
    const m = /^(.+?)\s+(\S+)\s*-\s*(\S+)$/.exec(g);
    if (!m) return { ok: false, problem: `"${g}" is not days and hours: ${EXAMPLE}` };
    const days = parseDays(m[1]);
    if (typeof days === 'string') return { ok: false, problem: days };
    const start = parseTime(m[2], false);
    const end = parseTime(m[3], true);
    if (!start || !end) return { ok: false, problem: `"${g}": hours are HH:MM-HH:MM between 00:00 and 24:00` };
    if (end <= start) return { ok: false, problem: `"${g}": the hours end (${end}) before they start (${start})` };
    for (const i of days) {
      if (hours[WEEKDAYS[i]]) return { ok: false, problem: `${WEEKDAYS[i]} is given twice` };
      hours[WEEKDAYS[i]] = { start, end };
    }
  }
  return { ok: true, hours };
}

/** The canonical text: days in order, consecutive days with the same window joined into a range. */
export function formatWeeklyHours(hours: WeeklyHours): string {
  const groups: string[] = [];
  let i = 0;
  while (i < 7) {
    const w = hours[WEEKDAYS[i]];
    if (!w) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < 7 && hours[WEEKDAYS[j + 1]]?.start === w.start && hours[WEEKDAYS[j + 1]]?.end === w.end) j++;
    groups.push(`${i === j ? WEEKDAYS[i] : `${WEEKDAYS[i]}-${WEEKDAYS[j]}`} ${w.start}-${w.end}`);
    i = j + 1;
  }
  return groups.length ? groups.join('; ') : 'none';
}

/** Stored rows (ISO weekday 1 = Monday) to the weekly hours, and back. */
export function hoursFromRows(rows: readonly { weekday: number; starts: string; ends: string }[]): WeeklyHours {
  const hours = noHours();
  for (const r of rows) hours[WEEKDAYS[r.weekday - 1]] = { start: r.starts, end: r.ends };
  return hours;
}

export const hoursToRows = (hours: WeeklyHours): { weekday: number; starts: string; ends: string }[] =>
  WEEKDAYS.flatMap((d, i) => {
    const w = hours[d];
    return w ? [{ weekday: i + 1, starts: w.start, ends: w.end }] : [];
  });
