import type { AppContext } from '../app-context.js';
import { JOB } from '../queue/queue-names.js';
import { enqueueLegJob } from '../queue/enqueue-leg-job.js';
import { enqueuePlaceCall } from '../queue/enqueue-place-call.js';
import { RETRYABLE_OUTCOMES, finalStateFor, type AttemptOutcome } from './call-states.js';
import { endAttemptInDb } from './end-attempt-in-db.js';
import { nextRetryAt } from './next-retry-at.js';
import { recordCallEvent } from './record-call-event.js';
import { requireQueues } from './require-call-deps.js';

/**
 * Ends one attempt: the outcome is recorded once (sticky, twilio-notes TW-13) together with the call's move, in one
 * transaction (back to `scheduled` for a retry, or to its final state with the reason); then every leg of
 * the attempt is hung up (a machine hears nothing, O-02). Callbacks of an older attempt never move the call.
 * `alreadyEnded`: the attempt has its outcome but the call did not move (the reconciler repairs such calls).
 */
export async function applyAttemptOutcome(
  ctx: AppContext,
  callId: string,
  attemptNo: number,
  outcome: AttemptOutcome,
  reason: string,
  actor = 'carrier',
  opts: { noRetry?: boolean; alreadyEnded?: boolean } = {},
): Promise<void> {
  const now = ctx.clock.now();
  const before = await ctx.repos.callAttempts.find(callId, attemptNo);
  if (!before || !!before.outcome !== !!opts.alreadyEnded) return;
  const call = await ctx.repos.scheduledCalls.findById(callId);
  if (!call) return;
  // A carrier 4xx (invalid number, permission) cannot succeed on retry.
  const retryable = RETRYABLE_OUTCOMES.includes(outcome) && !opts.noRetry;
  // Read outside the transaction (PGlite: one connection at a time).
  const retryAt = retryable && call.attempts === attemptNo ? await nextRetryAt(ctx, call) : undefined;
  const state = finalStateFor(outcome);
  const finalReason = retryable ? `${reason}; no retry left` : reason;
  const { finished, moved } = await endAttemptInDb(ctx, callId, attemptNo, {
    outcome: opts.alreadyEnded ? undefined : outcome,
    to: retryAt ? 'scheduled' : state,
    extra: retryAt ? { start_at: retryAt, final_reason: null } : { final_reason: finalReason },
  });
  if (!finished || call.attempts !== attemptNo) return;
  const queues = requireQueues(ctx);
  await enqueueLegJob(queues.control, JOB.hangupAttempt, { callId, attemptNo }, 0, 'hangup');
  await recordCallEvent(ctx, { callId, kind: 'attempt_ended', actor, detail: { attempt: attemptNo, outcome, reason } });
  if (!moved) return;
  if (retryAt) {
    await recordCallEvent(ctx, {
      callId,
      kind: 'rescheduled',
      actor,
      detail: { attempt: attemptNo + 1, startAt: retryAt.toISOString(), after: outcome },
    });
    await enqueuePlaceCall(queues.calls, callId, attemptNo + 1, retryAt, now);
    return;
  }
  await recordCallEvent(ctx, { callId, kind: state, actor, detail: { attempt: attemptNo, reason: finalReason } });
}
