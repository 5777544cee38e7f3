import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../app-context.js';
import type { PlaceCallData } from '../queue/call-queues.js';
import type { ScheduledCall } from '../storage/schema.js';
import { CALL_STATUS_EVENTS, CarrierError } from '../telephony/port.js';
import { outboundUrls } from '../calls/outbound-urls.js';
import { recordCallEvent } from '../calls/record-call-event.js';
import { applyAttemptOutcome } from '../calls/apply-attempt-outcome.js';
import { endAttemptInDb } from '../calls/end-attempt-in-db.js';
import { callOptions } from '../config/call-options.js';
import { requireTelephony } from '../telephony/require-telephony.js';
import { awaitDialSlot } from './await-dial-slot.js';

/**
 * Dials the facility line first (the detainee and a guard); the briefing runs when it answers (D-06).
 * 4xx from the carrier fails the attempt for good; 429/5xx give the attempt back and retry with backoff.
 * A network error (status 0) may hide a placed call: the attempt stays `dialling` and the job is delayed into
 * the claimed-attempt check (`resumeClaimedAttempt`), which waits for a status callback, never redials.
 */
export async function dialFacilityLeg(ctx: AppContext, job: Job<PlaceCallData>, call: ScheduledCall, token?: string): Promise<string> {
  const n = call.attempts;
  const urls = outboundUrls(ctx, call.id, n);
  let sid: string;
  try {
    ({ sid } = await requireTelephony(ctx).createCall({
      to: call.facility_line,
      from: ctx.config.twilio.hotlineNumber,
      url: urls.facility,
      fallbackUrl: urls.fallback,
      statusCallback: urls.status('facility'),
      statusCallbackEvent: [...CALL_STATUS_EVENTS],
      timeout: callOptions(ctx).ringTimeoutSeconds,
      timeLimit: (call.max_minutes + 5) * 60,
      record: false,
      pace: () => awaitDialSlot(ctx),
    }));
  } catch (e) {
    if (!(e instanceof CarrierError)) throw e;
    if (e.unconfirmed) {
      const until = ctx.clock.now().getTime() + callOptions(ctx).interruptedVerifyMs;
      await recordCallEvent(ctx, {
        callId: call.id,
        kind: 'attempt_unconfirmed',
        detail: { attempt: n, waitMs: callOptions(ctx).interruptedVerifyMs },
      });
      await job.updateData({ ...job.data, attemptNo: n, verifyUntil: until } as PlaceCallData);
      await job.moveToDelayed(until, token);
      throw new DelayedError();
    }
    if (!e.retryable) {
      await applyAttemptOutcome(ctx, call.id, n, 'failed', `carrier_rejected:${e.code ?? e.status}`, 'carrier', { noRetry: true });
      throw new UnrecoverableError(`carrier ${e.status}`);
    }
    // The carrier refused or failed before creating the call: give the attempt back (a new attempt number,
    // so the old one is never dialled again) and let BullMQ retry with backoff.
    // Outcome and state change in one transaction (end-attempt-in-db.ts): never a live call with an ended attempt.
    const last = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    if (last) {
      const { moved } = await endAttemptInDb(ctx, call.id, n, {
        outcome: 'carrier_error',
        to: 'failed',
        extra: { final_reason: `carrier_unavailable:${e.status}` },
      });
      if (moved)
        await recordCallEvent(ctx, { callId: call.id, kind: 'failed', detail: { attempt: n, reason: `carrier_unavailable:${e.status}` } });
      throw new UnrecoverableError(`carrier ${e.status}`);
    }
    const { moved: back } = await endAttemptInDb(ctx, call.id, n, { outcome: 'carrier_error', to: 'scheduled', extra: {} });
    if (back) await recordCallEvent(ctx, { callId: call.id, kind: 'carrier_retry', detail: { attempt: n, status: e.status } });
    await job.updateData({ callId: call.id, attemptNo: n + 1 });
    throw e;
  }
  await ctx.repos.callAttempts.setSid(call.id, n, 'facility', sid);
  await recordCallEvent(ctx, { callId: call.id, kind: 'facility_dialled', detail: { attempt: n } });
  return 'dialled';
}
