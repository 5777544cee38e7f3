import { z } from 'zod';
import { facilityFields, lineField } from '../facilities/facility-fields.js';
import type { WeeklyHours } from '../facilities/weekly-hours.js';

// The optional CSV columns that set the row's facility, checked by the same fields as the API's.

export const FACILITY_SETTING_COLUMNS = [
  'facility_time_zone',
  'facility_call_hours',
  'facility_max_call_minutes',
  'facility_weekly_quota',
  'facility_contact_floor_days',
  'facility_line',
] as const;

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** A blank cell leaves the setting alone; digits are read as a number, anything else is refused by the field. */
const wholeCell = (field: z.ZodNumber) =>
  z.preprocess((v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : blankToUndefined(v)), field.optional());

export const facilityColumns = {
  facility_time_zone: z.preprocess(blankToUndefined, facilityFields.timeZone.optional()),
  facility_call_hours: z.preprocess(blankToUndefined, facilityFields.callHours.optional()),
  facility_max_call_minutes: wholeCell(facilityFields.maxCallMinutes),
  facility_weekly_quota: wholeCell(facilityFields.weeklyCallQuota),
  facility_contact_floor_days: wholeCell(facilityFields.contactFloorDays),
  facility_line: z.preprocess(blankToUndefined, lineField.optional()),
};

/** A facility's settings given on a row (blank cells are left out); applied to the row's facility. */
export interface ImportFacilitySettings {
  timeZone?: string;
  callHours?: WeeklyHours;
  maxCallMinutes?: number;
  weeklyCallQuota?: number;
  contactFloorDays?: number;
  line?: string;
}

type Cells = { [K in keyof typeof facilityColumns]: z.infer<(typeof facilityColumns)[K]> };

export function facilitySettingsOf(c: Cells): ImportFacilitySettings {
  const all: ImportFacilitySettings = {
    timeZone: c.facility_time_zone,
    callHours: c.facility_call_hours,
    maxCallMinutes: c.facility_max_call_minutes,
    weeklyCallQuota: c.facility_weekly_quota,
    contactFloorDays: c.facility_contact_floor_days,
    line: c.facility_line,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined));
}
