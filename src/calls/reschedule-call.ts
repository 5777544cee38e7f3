import type { AppContext } from '../app-context.js';
import type { ScheduledCall } from '../storage/schema.js';
import { AppError, notFound } from '../shared/errors.js';
import { cancelCall } from './cancel-call.js';
import { scheduleCall, writeScheduledCall } from './schedule-call.js';

/**
 * Reschedule = cancel (reason "rescheduled") + schedule the same call at the new time, through the call
 * policy; the call continues under a new id. If the new slot is refused, the call is put back as it was
 * approved, at its old time (even one now passed, so it is dialled at once) and the refusal thrown.
 */
export async function rescheduleCall(
  ctx: AppContext,
  callId: string,
  startAt: Date,
  reason: string,
  actor: string,
): Promise<ScheduledCall> {
  const old = await ctx.repos.scheduledCalls.findById(callId);
  if (!old) throw notFound('the call');
  if (old.state !== 'scheduled')
    throw new AppError('not_reschedulable', `only a scheduled call can be moved (this one is ${old.state})`, 409);
  if (Number.isNaN(startAt.getTime()))
    throw new AppError('invalid_input', 'startAt: a date and time is needed', 400, { fields: [{ field: 'startAt', problem: 'required' }] });
  await cancelCall(ctx, callId, { reason: 'rescheduled' }, actor);
  const base = {
    detaineeId: old.detainee_id,
    contactId: old.contact_id,
    requestId: old.request_id,
    facilityLine: old.facility_line,
    supervisorPhone: old.supervisor_phone,
    maxMinutes: old.max_minutes,
    language: old.language,
    interpreter: old.interpreter,
  };
  try {
    const moved = await scheduleCall(ctx, { ...base, startAt }, actor);
    await ctx.repos.audit.append({
      actor,
      action: 'call.reschedule',
      subjectType: 'call',
      subjectId: callId,
      detail: { newCallId: moved.id, reason },
    });
    return moved;
  } catch (e) {
    await writeScheduledCall(ctx, { ...base, startAt: new Date(old.start_at) }, actor);
    throw e;
  }
}
