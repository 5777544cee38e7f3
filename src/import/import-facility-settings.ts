import type { FacilityChanges, TransactionRepositories } from '../storage/repositories/index.js';
import { formatWeeklyHours, hoursFromRows, hoursToRows } from '../facilities/weekly-hours.js';
import type { ImportFacilitySettings } from './import-facility-columns.js';

/**
 * Applies a row's facility settings inside the batch's transaction; returns the columns that changed
 * something, so a second import of the same file changes nothing and reports nothing. A line is added to the
 * facility's lines and becomes its default line when it has none.
 */
export async function applyFacilitySettings(
  trx: TransactionRepositories,
  facilityId: number,
  s: ImportFacilitySettings,
): Promise<string[]> {
  const f = await trx.facilities.findById(facilityId);
  if (!f) return [];
  const changed: string[] = [];
  const changes: FacilityChanges = {};
  const set = <K extends keyof FacilityChanges>(column: string, key: K, value: FacilityChanges[K] | undefined, current: unknown) => {
    if (value === undefined || value === current) return;
    changes[key] = value;
    changed.push(column);
  };
  set('facility_time_zone', 'time_zone', s.timeZone, f.time_zone);
  set('facility_max_call_minutes', 'max_call_minutes', s.maxCallMinutes, f.max_call_minutes);
  set('facility_weekly_quota', 'weekly_call_quota', s.weeklyCallQuota, f.weekly_call_quota);
  set('facility_contact_floor_days', 'contact_floor_days', s.contactFloorDays, f.contact_floor_days);
  if (s.line) {
    const lines = await trx.facilityLines.listByFacility(facilityId);
    if (!lines.some((l) => l.phone === s.line)) {
      await trx.facilityLines.add(facilityId, s.line, null);
      changed.push('facility_line');
    }
    if (!f.default_line) changes.default_line = s.line;
  }
  await trx.facilities.update(facilityId, changes);
  if (s.callHours) {
    const current = hoursFromRows(await trx.facilities.callHours(facilityId));
    if (formatWeeklyHours(current) !== formatWeeklyHours(s.callHours)) {
      await trx.facilities.setCallHours(facilityId, hoursToRows(s.callHours));
      changed.push('facility_call_hours');
    }
  }
  return changed;
}
