import type { AppContext } from '../app-context.js';
import type { Facility, FacilityLine } from '../storage/schema.js';
import type { CallHoursRow } from '../storage/repositories/index.js';
import { notFound } from '../shared/errors.js';
import { WEEKDAYS, formatWeeklyHours, hoursFromRows, type DayHours, type Weekday } from './weekly-hours.js';

/** A facility as the API, the console and the CLI show it. */
export interface FacilityView {
  id: number;
  name: string;
  timeZone: string;
  /** The text format of weekly-hours.ts, canonical. */
  callHours: string;
  callHoursByDay: Record<Weekday, DayHours | null>;
  maxCallMinutes: number;
  weeklyCallQuota: number;
  contactFloorDays: number;
  defaultLine: string | null;
  lines: { id: number; phone: string; label: string | null }[];
}

export const lineView = (l: FacilityLine) => ({ id: l.id, phone: l.phone, label: l.label });

export function facilityView(f: Facility, hours: readonly CallHoursRow[], lines: readonly FacilityLine[]): FacilityView {
  const byDay = hoursFromRows(hours);
  return {
    id: f.id,
    name: f.name,
    timeZone: f.time_zone,
    callHours: formatWeeklyHours(byDay),
    callHoursByDay: Object.fromEntries(WEEKDAYS.map((d) => [d, byDay[d]])) as Record<Weekday, DayHours | null>,
    maxCallMinutes: f.max_call_minutes,
    weeklyCallQuota: f.weekly_call_quota,
    contactFloorDays: f.contact_floor_days,
    defaultLine: f.default_line,
    lines: lines.map(lineView),
  };
}

type FacilityReader = Pick<AppContext['repos'], 'facilities' | 'facilityLines'>;

/** The facility with its hours and lines; 404 when there is none with this id. */
export async function getFacility(ctx: { repos: FacilityReader }, id: number): Promise<FacilityView> {
  const f = await ctx.repos.facilities.findById(id);
  if (!f) throw notFound('the facility');
  return facilityView(f, await ctx.repos.facilities.callHours(id), await ctx.repos.facilityLines.listByFacility(id));
}

/** Every facility by name, with hours and lines (a handful of facilities: one query each is fine). */
export async function listFacilities(ctx: { repos: FacilityReader }): Promise<FacilityView[]> {
  const out: FacilityView[] = [];
  for (const f of await ctx.repos.facilities.list()) out.push(await getFacility(ctx, f.id));
  return out;
}
