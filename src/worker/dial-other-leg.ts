import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import type { AppContext } from '../app-context.js';
import type { LegJobData } from '../queue/call-queues.js';
import { CALL_STATUS_EVENTS, CarrierError } from '../telephony/port.js';
import { outboundUrls } from '../calls/outbound-urls.js';
import { recordCallEvent } from '../calls/record-call-event.js';
import { applyAttemptOutcome } from '../calls/apply-attempt-outcome.js';
import { callOptions } from '../config/call-options.js';
import { requireTelephony } from '../telephony/require-telephony.js';
import { LIVE_STATES } from '../calls/call-states.js';
import { awaitDialSlot } from './await-dial-slot.js';

/**
 * Dials the relative (async AMD, twilio-notes TW-29; silence until AMD decides) or the monitor, whose own document
 * asks for a key before he joins the conference muted, the only one who starts it (S-02, S-03, twilio-notes TW-30):
 * a voicemail neither starts it nor hears the parties (O-02, D-07). The monitor leaving ends the conference for
 * everyone (S-02: no unsupervised minute). A Redis marker is set before the carrier request; a retried job that
 * finds the marker but no stored SID may already have dialled, so it ends the attempt as `interrupted`
 * instead of dialling that leg twice. A network error (status 0) waits for a status callback first.
 */
export async function dialOtherLeg(ctx: AppContext, job: Job<LegJobData>, leg: 'relative' | 'monitor', token?: string): Promise<string> {
  const { callId, attemptNo } = job.data;
  const call = await ctx.repos.scheduledCalls.findById(callId);
  const attempt = await ctx.repos.callAttempts.find(callId, attemptNo);
  if (!call || !attempt || attempt.outcome || call.attempts !== attemptNo || !LIVE_STATES.includes(call.state as never)) return 'not-live';
  if (leg === 'relative' ? attempt.relative_call_sid : attempt.monitor_call_sid) return 'already-dialled';
  const marker = `${ctx.config.redis.prefix}:dial-marker:${callId}:${attemptNo}:${leg}`;
  if ((await ctx.redis.set(marker, '1', 'EX', 86_400, 'NX')) !== 'OK') {
    await applyAttemptOutcome(ctx, callId, attemptNo, 'interrupted', `${leg}_dial_unconfirmed`);
    return 'interrupted';
  }
  const urls = outboundUrls(ctx, callId, attemptNo);
  const from = ctx.config.twilio.hotlineNumber;
  const timeout = callOptions(ctx).ringTimeoutSeconds;
  let sid: string;
  const to = leg === 'relative' ? (await ctx.repos.contacts.findById(call.contact_id))?.phone : call.supervisor_phone;
  if (!to) throw new UnrecoverableError('contact gone');
  try {
    ({ sid } = await requireTelephony(ctx).createCall({
      to,
      from,
      url: leg === 'relative' ? urls.relativeWait : urls.monitor,
      fallbackUrl: urls.fallback,
      statusCallback: urls.status(leg),
      statusCallbackEvent: [...CALL_STATUS_EVENTS],
      timeout,
      timeLimit: (call.max_minutes + 5) * 60,
      machineDetection: 'Enable',
      asyncAmd: true,
      asyncAmdStatusCallback: leg === 'relative' ? urls.amd : urls.amdMonitor,
      record: false,
      pace: () => awaitDialSlot(ctx),
    }));
  } catch (e) {
    if (!(e instanceof CarrierError)) throw e;
    if (e.unconfirmed) {
      // The carrier may have the call: keep the marker, let status callbacks bind the SID, and look again later
      // (the rerun finds the marker: SID bound = dialled, none = interrupted). Never a second dial.
      const until = ctx.clock.now().getTime() + callOptions(ctx).interruptedVerifyMs;
      await recordCallEvent(ctx, { callId, kind: 'leg_unconfirmed', detail: { attempt: attemptNo, leg } });
      await job.moveToDelayed(until, token);
      throw new DelayedError();
    }
    if (e.retryable && job.attemptsMade + 1 < (job.opts.attempts ?? 1)) {
      await ctx.redis.del(marker); // the carrier did not take it: a retry may dial
      throw e;
    }
    await applyAttemptOutcome(
      ctx,
      callId,
      attemptNo,
      leg === 'monitor' ? 'missing_monitor' : 'failed',
      `${leg}_carrier_rejected:${e.code ?? e.status}`,
      'carrier',
      { noRetry: !e.retryable },
    );
    throw new UnrecoverableError(`carrier ${e.status}`);
  }
  await ctx.repos.callAttempts.setSid(callId, attemptNo, leg, sid);
  await recordCallEvent(ctx, { callId, kind: `${leg}_dialled`, detail: { attempt: attemptNo } });
  return 'dialled';
}
