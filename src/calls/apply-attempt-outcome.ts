import type { AppContext } from '../app-context.js';
import { JOB } from '../queue/queue-names.js';
import { enqueueLegJob } from '../queue/enqueue-leg-job.js';
import { enqueuePlaceCall } from '../queue/enqueue-place-call.js';
import { LIVE_STATES, RETRYABLE_OUTCOMES, finalStateFor, type AttemptOutcome } from './call-states.js';
import { nextRetryAt } from './next-retry-at.js';
import { recordCallEvent } from './record-call-event.js';
import { requireQueues } from './require-call-deps.js';

/**
 * Ends one attempt: the outcome is recorded once (sticky, pitfall 13), every leg of the attempt is hung up
 * (a machine hears nothing, O-02), and the call either goes back to `scheduled` for a retry or to its final
 * state with the reason. Callbacks of an older attempt never move the call.
 */
export async function applyAttemptOutcome(ctx: AppContext, callId: string, attemptNo: number, outcome: AttemptOutcome, reason: string, actor = 'carrier', opts: { noRetry?: boolean } = {}): Promise<void> {
  const now = ctx.clock.now();
  if (!(await ctx.repos.callAttempts.finish(callId, attemptNo, outcome, now))) return;
  const call = await ctx.repos.scheduledCalls.findById(callId);
  if (!call || call.attempts !== attemptNo) return;
  const queues = requireQueues(ctx);
  await enqueueLegJob(queues.control, JOB.hangupAttempt, { callId, attemptNo }, 0, 'hangup');
  await recordCallEvent(ctx, { callId, kind: 'attempt_ended', actor, detail: { attempt: attemptNo, outcome, reason } });
  // A carrier 4xx (invalid number, permission) cannot succeed on retry (issue 4, item 6).
  const retryable = RETRYABLE_OUTCOMES.includes(outcome) && !opts.noRetry;
  const retryAt = retryable ? await nextRetryAt(ctx, call) : undefined;
  if (retryAt) {
    const moved = await ctx.repos.scheduledCalls.transition(callId, LIVE_STATES, 'scheduled', { start_at: retryAt, final_reason: null });
    if (!moved) return;
    await recordCallEvent(ctx, { callId, kind: 'rescheduled', actor, detail: { attempt: attemptNo + 1, startAt: retryAt.toISOString(), after: outcome } });
    await enqueuePlaceCall(queues.calls, callId, attemptNo + 1, retryAt, now);
    return;
  }
  const state = finalStateFor(outcome);
  const finalReason = retryable ? `${reason}; no retry left` : reason;
  const moved = await ctx.repos.scheduledCalls.transition(callId, LIVE_STATES, state, { final_reason: finalReason });
  if (moved) await recordCallEvent(ctx, { callId, kind: state, actor, detail: { attempt: attemptNo, reason: finalReason } });
}
