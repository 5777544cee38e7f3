import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { ScheduledCall } from '../storage/schema.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/parse-input.js';
import { JOB, placeCallJobId } from '../queue/queue-names.js';
import { enqueueLegJob } from '../queue/enqueue-leg-job.js';
import { LIVE_STATES } from './call-states.js';
import { cancelReason } from './reason-codes.js';
import { recordCallEvent } from './record-call-event.js';
import { requireQueues } from './require-call-deps.js';
import { sendReasonToBothSides } from './send-reason-to-both-sides.js';

export const cancelInput = z.object({ reason: cancelReason });

/**
 * Cancels a scheduled or running call with a structured reason for both sides (O-07). The state changes in the
 * database first; the queued job is removed, and if the reconciler ever meets it again the job sees the state
 * and does nothing. Never blocks the family's number (S-03).
 */
export async function cancelCall(ctx: AppContext, callId: string, raw: z.input<typeof cancelInput>, actor: string): Promise<ScheduledCall> {
  const { reason } = parseInput(cancelInput, raw);
  const call = await ctx.repos.scheduledCalls.findById(callId);
  if (!call) throw new AppError('not_found', 'call was not found', 404);
  const queues = requireQueues(ctx);
  const moved = await ctx.repos.scheduledCalls.transition(callId, ['pending_approval', 'scheduled', ...LIVE_STATES], 'cancelled', {
    final_reason: reason,
  });
  if (!moved) throw new AppError('call_already_ended', `the call already ended (${call.state})`, 409);
  if (LIVE_STATES.includes(call.state as never) && call.attempts > 0) {
    await ctx.repos.callAttempts.finish(callId, call.attempts, 'cancelled', ctx.clock.now());
    await enqueueLegJob(queues.control, JOB.hangupAttempt, { callId, attemptNo: call.attempts }, 0, 'hangup');
  } else {
    await queues.calls.remove(placeCallJobId(callId, call.attempts + 1));
  }
  await recordCallEvent(ctx, { callId, kind: 'cancelled', actor, detail: { reason, from: call.state } });
  if (moved.request_id && call.state === 'scheduled') {
    await ctx.repos.audit.append({
      actor,
      action: 'call_request.call_cancelled',
      subjectType: 'call_request',
      subjectId: moved.request_id,
      detail: { reason },
    });
  }
  // A rescheduled call goes on at another time (reschedule-call.ts): nothing to tell either side here.
  if (reason !== 'rescheduled')
    await sendReasonToBothSides(ctx, { kind: 'cancel', code: reason, detaineeId: call.detainee_id, contactId: call.contact_id, callId });
  return moved;
}
