import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { parseInput } from '../shared/parse-input.js';
import { newFacilitySchema } from './facility-fields.js';
import { getFacility, type FacilityView } from './facility-view.js';
import { DEFAULT_HOURS, hoursToRows } from './weekly-hours.js';
import { ensureLine } from './ensure-line.js';
import { duplicateName } from './duplicate-name.js';

/**
 * an administrator sets up a facility: its zone, call hours per weekday, limits and default line (which
 * becomes one of its lines). Everything is validated before anything is written, and written in one transaction.
 */
export async function createFacility(ctx: AppContext, p: Principal, input: unknown): Promise<FacilityView> {
  const v = parseInput(newFacilitySchema, input);
  const hours = v.callHours ?? DEFAULT_HOURS;
  const id = await ctx.repos.transaction(async (trx) => {
    if (await trx.facilities.findByName(v.name)) throw duplicateName();
    const f = await trx.facilities.create(
      {
        name: v.name,
        time_zone: v.timeZone ?? 'Europe/Kyiv',
        default_line: v.defaultLine ?? null,
        ...(v.maxCallMinutes !== undefined ? { max_call_minutes: v.maxCallMinutes } : {}),
        ...(v.weeklyCallQuota !== undefined ? { weekly_call_quota: v.weeklyCallQuota } : {}),
        ...(v.contactFloorDays !== undefined ? { contact_floor_days: v.contactFloorDays } : {}),
      },
      hoursToRows(hours),
    );
    if (v.defaultLine) await ensureLine(trx, f.id, v.defaultLine);
    return f.id;
  });
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'facility.create',
    subjectType: 'facility',
    subjectId: id,
    detail: { fields: Object.keys(v) },
  });
  return getFacility(ctx, id);
}
