import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../app-context.js';
import type { PlaceCallData } from '../queue/call-queues.js';
import { AppError } from '../shared/errors.js';
import { checkDialPolicy, contactHoursOf, hoursOf, loadPolicySubject, type PolicySubject } from '../calls/policy/check-call-policy.js';
import { nextAllowedSlot } from '../calls/next-allowed-slot.js';
import { recordCallEvent } from '../calls/record-call-event.js';
import { applyAttemptOutcome } from '../calls/apply-attempt-outcome.js';
import { callOptions } from '../calls/call-options.js';
import { dialFacilityLeg } from './dial-facility-leg.js';

const HOURS_RULES = ['outside_facility_hours', 'outside_contact_hours'];

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
  let subject: PolicySubject | undefined;
  try {
    subject = await loadPolicySubject(ctx, call.detainee_id, call.contact_id);
    await checkDialPolicy(ctx, subject, now, call.max_minutes, call.facility_line);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    // O-01: a job that runs late (a backlog) after the hours closed moves to the next allowed slot, same attempt.
    if (subject && HOURS_RULES.includes(e.code)) {
      const slot = nextAllowedSlot([hoursOf(subject.facility), contactHoursOf(subject.contact)], now, call.max_minutes);
      if (slot && (!call.window_end || slot.getTime() <= call.window_end.getTime())) {
        const moved = await ctx.repos.scheduledCalls.transition(callId, ['scheduled'], 'scheduled', { start_at: slot });
        if (moved) await recordCallEvent(ctx, { callId, kind: 'rescheduled', detail: { attempt: attemptNo, startAt: slot.toISOString(), after: `policy:${e.code}` } });
        await job.moveToDelayed(slot.getTime(), token);
        throw new DelayedError();
      }
    }
    // Consent, block or line refusals (and hours with no slot left): final, no retry can make it pass.
    const moved = await ctx.repos.scheduledCalls.transition(callId, ['scheduled'], 'failed', { final_reason: `policy:${e.code}` });
    if (moved) await recordCallEvent(ctx, { callId, kind: 'policy_refused', detail: { rule: e.code, attempt: attemptNo } });
    throw new UnrecoverableError(`policy:${e.code}`);
  }
  const claimed = await ctx.repos.callAttempts.claim(callId, ['scheduled'], now, attemptNo - 1);
  if (!claimed) return 'claimed-elsewhere';
  await recordCallEvent(ctx, { callId, kind: 'dialling', detail: { attempt: attemptNo } });
  return dialFacilityLeg(ctx, job, claimed.call, token);
}

/**
 * The attempt is claimed but this job runs again: the worker died or the job was retried. With a stored
 * CallSid the carrier has the call and its callbacks drive it. Without one we cannot know whether the carrier
 * placed the call, so we never redial blindly (pitfall 12): the job waits `interruptedVerifyMs` for a status
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
    await recordCallEvent(ctx, { callId, kind: 'attempt_unconfirmed', detail: { attempt: attemptNo, waitMs: callOptions(ctx).interruptedVerifyMs } });
    await job.updateData({ ...job.data, verifyUntil: until } as PlaceCallData);
    await job.moveToDelayed(until, token);
    throw new DelayedError();
  }
  await applyAttemptOutcome(ctx, callId, attemptNo, 'interrupted', 'dial_unconfirmed_after_crash');
  return 'interrupted';
}
