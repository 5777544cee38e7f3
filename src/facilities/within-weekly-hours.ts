import { DateTime } from 'luxon';
import { WEEKDAYS, type WeeklyHours } from './weekly-hours.js';

/** The moment HH:MM of `day` (a start of day in the zone); 24:00 is the next midnight. Luxon moves a time in a DST gap forward. */
function momentOf(day: DateTime, hhmm: string): DateTime {
  const [h, m] = hhmm.split(':').map(Number);
  return h === 24 ? day.plus({ days: 1 }).startOf('day') : day.set({ hour: h, minute: m, second: 0, millisecond: 0 });
}

/**
 * True when the whole call [at, at + minutes] lies inside the weekly hours, read in `zone` (O-01). Each
 * day's window is placed on that calendar day in the zone, so a DST change shifts it in UTC as the clock on
 * the wall does; a call passes midnight only when one day's window ends at 24:00 and the next starts at 00:00.
 */
export function isWithinWeeklyHours(hours: WeeklyHours, zone: string, at: Date, minutes: number): boolean {
  const endMs = at.getTime() + Math.max(0, minutes) * 60_000;
  let cursor: DateTime = DateTime.fromJSDate(at, { zone });
  // A call never spans more than the 8 days a week of full days could join; the bound only guards the loop.
  for (let i = 0; i < 8; i++) {
    const day = cursor.startOf('day');
    const w = hours[WEEKDAYS[day.weekday - 1]];
    if (!w) return false;
    const start = momentOf(day, w.start);
    const end = momentOf(day, w.end);
    if (cursor < start || cursor >= end) return false;
    if (endMs <= end.toMillis()) return true;
    cursor = end;
  }
  return false;
}
