import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import type { FacilityChanges } from '../storage/repositories/index.js';
import { parseInput } from '../shared/parse-input.js';
import { notFound } from '../shared/errors.js';
import { facilityChangesSchema } from './facility-fields.js';
import { getFacility, type FacilityView } from './facility-view.js';
import { hoursToRows } from './weekly-hours.js';
import { ensureLine } from './ensure-line.js';
import { duplicateName } from './duplicate-name.js';

/**
 * Changes only the fields given, in one transaction. New hours and limits apply to calls judged from
 * now on: a scheduled call is re-checked against them when it is dialled (O-01).
 */
export async function updateFacility(ctx: AppContext, p: Principal, id: number, input: unknown): Promise<FacilityView> {
  const v = parseInput(facilityChangesSchema, input);
  const changes: FacilityChanges = {
    ...(v.name !== undefined ? { name: v.name } : {}),
    ...(v.timeZone !== undefined ? { time_zone: v.timeZone } : {}),
    ...(v.defaultLine !== undefined ? { default_line: v.defaultLine } : {}),
    ...(v.maxCallMinutes !== undefined ? { max_call_minutes: v.maxCallMinutes } : {}),
    ...(v.weeklyCallQuota !== undefined ? { weekly_call_quota: v.weeklyCallQuota } : {}),
    ...(v.contactFloorDays !== undefined ? { contact_floor_days: v.contactFloorDays } : {}),
  };
  await ctx.repos.transaction(async (trx) => {
    const f = await trx.facilities.findById(id);
    if (!f) throw notFound('the facility');
    if (v.name !== undefined && v.name !== f.name && (await trx.facilities.findByName(v.name))) throw duplicateName();
    await trx.facilities.update(id, changes);
    if (v.callHours) await trx.facilities.setCallHours(id, hoursToRows(v.callHours));
    if (v.defaultLine) await ensureLine(trx, id, v.defaultLine);
  });
  if (Object.keys(v).length) {
    await ctx.repos.audit.append({
      actor: p.username,
      action: 'facility.update',
      subjectType: 'facility',
      subjectId: id,
      detail: { fields: Object.keys(v) },
    });
  }
  return getFacility(ctx, id);
}
