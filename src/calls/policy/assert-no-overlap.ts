import type { AppContext } from '../../app-context.js';
import { AppError } from '../../shared/errors.js';
import { ACTIVE_STATES } from '../call-states.js';

/** O-01: no two active calls at once for the same detainee, facility line or supervisor. */
export async function assertNoOverlap(
  ctx: AppContext,
  p: { detaineeId: number; facilityLine: string; supervisorPhone: string; startAt: Date; maxMinutes: number; excludeId?: string },
): Promise<void> {
  const to = new Date(p.startAt.getTime() + p.maxMinutes * 60_000);
  const clash = await ctx.repos.scheduledCalls.overlapping({ ...p, from: p.startAt, to, states: ACTIVE_STATES });
  const hit = clash[0];
  if (!hit) return;
  if (hit.detainee_id === p.detaineeId)
    throw new AppError('overlap_detainee', 'this detainee already has a call at that time', 409, { callId: hit.id });
  if (hit.facility_line === p.facilityLine)
    throw new AppError('overlap_facility_line', 'that facility line is already booked at that time', 409, { callId: hit.id });
  throw new AppError('overlap_supervisor', 'that supervisor is already monitoring a call at that time', 409, { callId: hit.id });
}
