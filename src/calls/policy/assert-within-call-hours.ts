import { DateTime } from 'luxon';
import type { Contact } from '../../storage/schema.js';
import { AppError } from '../../shared/errors.js';
import { formatWeeklyHours, type WeeklyHours } from '../../facilities/weekly-hours.js';
import { isWithinWeeklyHours } from '../../facilities/within-weekly-hours.js';

export interface HoursWindow {
  start: string; // HH:MM
  end: string; // HH:MM; equal to start means any time
  zone: string;
}

/** A facility's call hours per weekday, in its zone. */
export interface FacilityHours {
  hours: WeeklyHours;
  zone: string;
}

/** The contact's local calling hours: time zone from the number, overridable per contact. */
export const contactHoursOf = (c: Contact): HoursWindow => ({ start: c.call_hours_start, end: c.call_hours_end, zone: c.time_zone });

function minutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
}

/** True when [at, at + durationMinutes] lies inside the daily window in its zone (a window may pass midnight). */
export function isWithinHours(w: HoursWindow, at: Date, durationMinutes: number): boolean {
  const s = minutes(w.start);
  const e = minutes(w.end);
  if (s === e) return true;
  const local = DateTime.fromJSDate(at, { zone: w.zone });
  const from = local.hour * 60 + local.minute;
  const to = from + durationMinutes;
  if (s < e) return from >= s && to <= e;
  // Overnight window, e.g. 20:00-02:00.
  return (from >= s && to <= e + 1440) || (from < e && to <= e);
}

/**
 * O-01: the call must lie inside the facility's call hours and inside the contact's local calling hours
 * (time zone from the number, overridable per contact).
 */
export function assertWithinCallHours(facility: FacilityHours, contact: HoursWindow, at: Date, durationMinutes: number): void {
  if (!isWithinWeeklyHours(facility.hours, facility.zone, at, durationMinutes)) {
    throw new AppError(
      'outside_facility_hours',
      `the call must lie inside the facility's call hours ${formatWeeklyHours(facility.hours)} (${facility.zone}) (O-01)`,
      422,
    );
  }
  if (!isWithinHours(contact, at, durationMinutes)) {
    throw new AppError(
      'outside_contact_hours',
      `the call must lie inside the contact's local calling hours ${contact.start}-${contact.end} (${contact.zone})`,
      422,
    );
  }
}
