import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { parseInput } from '../shared/parse-input.js';
import { AppError, notFound } from '../shared/errors.js';
import { newLineSchema } from './facility-fields.js';
import { lineView } from './facility-view.js';

/**
 * A phone where a detainee and a guard take supervised calls (A-08, twilio-notes TW-35: only known lines are
 * dialled). The facility's first line becomes its default line.
 */
export async function addFacilityLine(ctx: AppContext, p: Principal, facilityId: number, input: unknown) {
  const v = parseInput(newLineSchema, input);
  const line = await ctx.repos.transaction(async (trx) => {
    const f = await trx.facilities.findById(facilityId);
    if (!f) throw notFound('the facility');
    if ((await trx.facilityLines.listByFacility(facilityId)).some((l) => l.phone === v.phone)) {
      throw new AppError('duplicate_line', 'that phone is already a line of this facility', 409, {
        fields: [{ field: 'phone', problem: 'is already a line of this facility' }],
      });
    }
    const added = await trx.facilityLines.add(facilityId, v.phone, v.label);
    if (!f.default_line) await trx.facilities.update(facilityId, { default_line: v.phone });
    return added;
  });
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'facility.line.add',
    subjectType: 'facility',
    subjectId: facilityId,
    detail: { lineId: line.id, fields: Object.keys(v) },
  });
  return lineView(line);
}

/**
 * Removes a line: calls already scheduled on it are refused when they are dialled (the facility-line rule),
 * so nothing rings a phone that is no longer the facility's. Removing the default line leaves no default.
 */
export async function removeFacilityLine(ctx: AppContext, p: Principal, facilityId: number, lineId: number): Promise<void> {
  await ctx.repos.transaction(async (trx) => {
    const f = await trx.facilities.findById(facilityId);
    const removed = f && (await trx.facilityLines.remove(facilityId, lineId));
    if (!f || !removed) throw notFound('the facility line');
    if (f.default_line === removed.phone) await trx.facilities.update(facilityId, { default_line: null });
  });
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'facility.line.remove',
    subjectType: 'facility',
    subjectId: facilityId,
    detail: { lineId },
  });
}
