import type { Job } from 'bullmq';
import type { AppContext } from '../app-context.js';
import type { LegJobData } from '../queue/call-queues.js';
import { JOB } from '../queue/queue-names.js';
import { CarrierError } from '../telephony/port.js';
import { outboundUrls } from '../calls/outbound-urls.js';
import { applyAttemptOutcome } from '../calls/apply-attempt-outcome.js';
import { recordCallEvent } from '../calls/record-call-event.js';
import { requireTelephony } from '../telephony/require-telephony.js';

/** A 404 means the call or conference is already over, which is what we wanted. */
async function tolerant(fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    if (e instanceof CarrierError && !e.retryable && !e.unconfirmed) return; // a network error is retried
    throw e;
  }
}

/**
 * Carrier control after webhooks (twilio-notes TW-09): hang up an attempt, redirect after AMD or after the
 * family accepted, the warning, the time limit.
 */
export async function controlCall(ctx: AppContext, job: Job<LegJobData>): Promise<string> {
  const { callId, attemptNo } = job.data;
  const tel = requireTelephony(ctx);
  const attempt = await ctx.repos.callAttempts.find(callId, attemptNo);
  const call = await ctx.repos.scheduledCalls.findById(callId);
  if (!attempt || !call) return 'gone';
  const urls = outboundUrls(ctx, callId, attemptNo);
  switch (job.name) {
    case JOB.hangupAttempt: {
      // D-05: once the relative accepted, only the detainee can decline. His own document says goodbye and hangs
      // up; the relative is sent a neutral goodbye instead of a click.
      const afterAnswer = attempt.outcome === 'declined' && !!attempt.relative_accepted_at;
      const goodbye = afterAnswer ? attempt.relative_call_sid : null;
      const spared = afterAnswer ? [attempt.facility_call_sid, goodbye] : [];
      if (goodbye) await tolerant(() => tel.updateCall(goodbye, { url: urls.relativeGoodbye }));
      if (call.conference_sid && call.attempts === attemptNo)
        await tolerant(() => tel.updateConference(call.conference_sid!, { status: 'completed' }));
      for (const sid of [attempt.facility_call_sid, attempt.relative_call_sid, attempt.monitor_call_sid]) {
        if (sid && !spared.includes(sid)) await tolerant(() => tel.updateCall(sid, { status: 'completed' }));
      }
      return 'hung-up';
    }
    case JOB.redirectRelative:
      if (attempt.outcome || !job.data.sid) return 'ended';
      await tolerant(() => tel.updateCall(job.data.sid!, { url: urls.relativeAccept }));
      return 'redirected';
    case JOB.redirectFacility:
      if (attempt.outcome || !attempt.facility_call_sid) return 'ended';
      await tolerant(() => tel.updateCall(attempt.facility_call_sid!, { url: urls.familyAnswered }));
      return 'redirected';
    case JOB.timeWarning:
      if (attempt.outcome || !call.conference_sid) return 'ended';
      // Each party hears it in its own language (D-11): an announcement to one participant (twilio-notes: REST parameters).
      for (const [party, sid] of [
        ['facility', attempt.facility_call_sid],
        ['relative', attempt.relative_call_sid],
        ['monitor', attempt.monitor_call_sid],
      ] as const) {
        if (sid) await tolerant(() => tel.updateParticipant(call.conference_sid!, sid, { announceUrl: urls.warning(party) }));
      }
      await recordCallEvent(ctx, { callId, kind: 'time_warning', detail: { attempt: attemptNo } });
      return 'warned';
    case JOB.timeLimit:
      if (attempt.outcome) return 'ended';
      await applyAttemptOutcome(ctx, callId, attemptNo, 'completed', 'time_limit');
      return 'ended';
    default:
      return 'unknown';
  }
}
