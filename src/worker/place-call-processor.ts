import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../app-context.js';
import type { PlaceCallData } from '../queue/call-queues.js';
import { dialTimeRefusal } from '../calls/dial-time-refusal.js';
import { recordCallEvent } from '../calls/record-call-event.js';
import { applyAttemptOutcome } from '../calls/apply-attempt-outcome.js';
import { callOptions } from '../config/call-options.js';
import { dialFacilityLeg } from './dial-facility-leg.js';

/**
 * The `place-call` job: re-checks the policy, claims the attempt in the database (compare-and-set plus the
 * unique attempt row) and only then asks the carrier to dial the facility leg. A job that finds its attempt
 * already claimed never dials again (see `resumeClaimedAttempt`).
 */
export async function placeCall(ctx: AppContext, job: Job<PlaceCallData>, token?: string): Promise<string> {
  const { callId, attemptNo } = job.data;
  const call = await ctx.repos.scheduledCalls.findById(callId);
  if (!call) return 'gone';
  if (call.state === 'dialling' && call.attempts === attemptNo) return resumeClaimedAttempt(ctx, job, token);
  if (call.state !== 'scheduled' || call.attempts !== attemptNo - 1) return `not-due:${call.state}`;
  const now = ctx.clock.now();
  const refusal = await dialTimeRefusal(ctx, call, now);
  // O-01: a job that runs late (a backlog) after the hours closed moves to the next allowed slot, same attempt.
  if (refusal?.slot) {
    const moved = await ctx.repos.scheduledCalls.transition(callId, ['scheduled'], 'scheduled', { start_at: refusal.slot });
    if (moved)
      await recordCallEvent(ctx, {
        callId,
        kind: 'rescheduled',
        detail: { attempt: attemptNo, startAt: refusal.slot.toISOString(), after: `policy:${refusal.error.code}` },
      });
    await job.moveToDelayed(refusal.slot.getTime(), token);
    throw new DelayedError();
  }
  if (refusal) {
    // Consent, block or line refusals (and hours with no slot left): final, no retry can make it pass.
    const { code } = refusal.error;
    const moved = await ctx.repos.scheduledCalls.transition(callId, ['scheduled'], 'failed', { final_reason: `policy:${code}` });
    if (moved) await recordCallEvent(ctx, { callId, kind: 'policy_refused', detail: { rule: code, attempt: attemptNo } });
    throw new UnrecoverableError(`policy:${code}`);
  }
  const claimed = await ctx.repos.callAttempts.claim(callId, ['scheduled'], now, attemptNo - 1);
  if (!claimed) return 'claimed-elsewhere';
  await recordCallEvent(ctx, { callId, kind: 'dialling', detail: { attempt: attemptNo } });
  return dialFacilityLeg(ctx, job, claimed.call, token);
}

/**
 * The attempt is claimed but this job runs again: the worker died or the job was retried. With a stored
 * CallSid the carrier has the call and its callbacks drive it. Without one we cannot know whether the carrier
 * placed the call, so we never redial blindly (twilio-notes TW-12): the job waits `interruptedVerifyMs` for a status
 * callback to bind the SID (the callback URLs carry the attempt). Still nothing: the attempt is recorded as
 * `interrupted` and the retry policy schedules the next attempt.
 */
async function resumeClaimedAttempt(ctx: AppContext, job: Job<PlaceCallData>, token?: string): Promise<string> {
  const { callId, attemptNo } = job.data;
  const attempt = await ctx.repos.callAttempts.find(callId, attemptNo);
  if (!attempt || attempt.outcome) return 'attempt-ended';
  if (attempt.facility_call_sid) return 'already-dialled';
  const verifyUntil = Number((job.data as PlaceCallData & { verifyUntil?: number }).verifyUntil ?? 0);
  if (!verifyUntil) {
    const until = ctx.clock.now().getTime() + callOptions(ctx).interruptedVerifyMs;
    await recordCallEvent(ctx, {
      callId,
      kind: 'attempt_unconfirmed',
      detail: { attempt: attemptNo, waitMs: callOptions(ctx).interruptedVerifyMs },
    });
    await job.updateData({ ...job.data, verifyUntil: until } as PlaceCallData);
    await job.moveToDelayed(until, token);
    throw new DelayedError();
  }
  await applyAttemptOutcome(ctx, callId, attemptNo, 'interrupted', 'dial_unconfirmed_after_crash');
  return 'interrupted';
}
