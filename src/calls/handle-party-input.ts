import type { AppContext } from '../app-context.js';
import { JOB } from '../queue/queue-names.js';
import { enqueueLegJob } from '../queue/enqueue-leg-job.js';
import { applyAttemptOutcome } from './apply-attempt-outcome.js';
import { maybeConnect } from './maybe-connect.js';
import { recordCallEvent } from './record-call-event.js';
import { requireQueues } from './require-call-deps.js';
import { partyLanguage } from './leg-session.js';

export type InputResult = 'join' | 'declined' | 'gone';

/** True while this attempt is the call's current one and still running. */
export async function live(ctx: AppContext, callId: string, attemptNo: number) {
  const call = await ctx.repos.scheduledCalls.findById(callId);
  const a = await ctx.repos.callAttempts.find(callId, attemptNo);
  return call && a && !a.outcome && call.attempts === attemptNo ? { call, a } : undefined;
}

/**
 * The detainee's answer to the briefing (D-06): 1 goes on; anything else, or nothing, declines, at no cost to
 * him. Going on dials the relative and the monitor (through the paced dial queue, never from the webhook).
 * The digit itself is never stored, only the decision; with recording on, the decision is the consent
 * evidence (A-05: prompt, language, answer).
 */
export async function handleBriefingInput(ctx: AppContext, callId: string, attemptNo: number, digits: string): Promise<InputResult> {
  const l = await live(ctx, callId, attemptNo);
  if (!l) return 'gone';
  if (digits !== '1') {
    await applyAttemptOutcome(ctx, callId, attemptNo, 'declined', 'detainee_declined');
    return 'declined';
  }
  if (await ctx.repos.callAttempts.mark(callId, attemptNo, 'detainee_accepted_at', ctx.clock.now())) {
    await recordCallEvent(ctx, {
      callId,
      kind: 'detainee_accepted',
      detail: {
        attempt: attemptNo,
        prompt: 'briefing',
        language: await partyLanguage(ctx, l.call, 'facility'),
        recorded: ctx.config.hotline.recordingEnabled,
      },
    });
    const calls = requireQueues(ctx).calls;
    await enqueueLegJob(calls, JOB.dialMonitor, { callId, attemptNo }, 0, 'monitor');
    await enqueueLegJob(calls, JOB.dialRelative, { callId, attemptNo }, 0, 'relative');
  }
  return 'join';
}

/**
 * The relative's answer to the nameless notice (O-02): 1 goes on to who is calling. No key is most likely a
 * voicemail that AMD could not tell apart: no answer (retried), and it never heard the name. Another key
 * declines.
 */
export async function handleNoticeInput(ctx: AppContext, callId: string, attemptNo: number, digits: string): Promise<InputResult> {
  if (!(await live(ctx, callId, attemptNo))) return 'gone';
  if (digits === '1') return 'join';
  if (digits === '') await applyAttemptOutcome(ctx, callId, attemptNo, 'no_answer', 'relative_no_keypress');
  else await applyAttemptOutcome(ctx, callId, attemptNo, 'declined', 'relative_declined');
  return 'declined';
}

/**
 * The relative's answer to the acceptance prompt (D-05, O-02): 1 accepts, anything else declines. Once he has
 * accepted, a replayed prompt (a late AMD result, a webhook retry) can no longer turn the call into a decline.
 * Accepting moves the detainee's leg on to who answered (hear-who-answered.ts).
 */
export async function handleAcceptanceInput(ctx: AppContext, callId: string, attemptNo: number, digits: string): Promise<InputResult> {
  const l = await live(ctx, callId, attemptNo);
  if (!l) return 'gone';
  if (digits !== '1' && !l.a.relative_accepted_at) {
    await applyAttemptOutcome(ctx, callId, attemptNo, 'declined', 'relative_declined');
    return 'declined';
  }
  if (await ctx.repos.callAttempts.mark(callId, attemptNo, 'relative_accepted_at', ctx.clock.now())) {
    await recordCallEvent(ctx, {
      callId,
      kind: 'relative_accepted',
      detail: { attempt: attemptNo, prompt: 'acceptance', recorded: ctx.config.hotline.recordingEnabled },
    });
    // D-05: the detainee, waiting outside the conference, now hears who answered.
    await enqueueLegJob(requireQueues(ctx).control, JOB.redirectFacility, { callId, attemptNo }, 0, 'family-answered');
  }
  await maybeConnect(ctx, callId, attemptNo);
  return 'join';
}

/**
 * The supervisor's answer on the monitor's phone (S-02, O-02): 1 makes him present and joins him, muted, to the
 * conference, which he alone starts; no key (most likely a voicemail) or another key is a missing monitor, so a
 * voicemail never starts the conference nor hears the parties.
 */
export async function handleMonitorInput(ctx: AppContext, callId: string, attemptNo: number, digits: string): Promise<InputResult> {
  if (!(await live(ctx, callId, attemptNo))) return 'gone';
  if (digits !== '1') {
    await applyAttemptOutcome(ctx, callId, attemptNo, 'missing_monitor', digits === '' ? 'monitor_no_keypress' : 'monitor_declined');
    return 'declined';
  }
  if (await ctx.repos.callAttempts.mark(callId, attemptNo, 'monitor_joined_at', ctx.clock.now())) {
    await recordCallEvent(ctx, { callId, kind: 'monitor_joined', detail: { attempt: attemptNo } });
    await maybeConnect(ctx, callId, attemptNo);
  }
  return 'join';
}

/** Conference callbacks: the conference SID is needed for the participant and announce REST calls. */
export async function handleConferenceEvent(
  ctx: AppContext,
  p: { callId: string; attemptNo: number; conferenceSid: string; event: string; callSid?: string; sequence?: string },
): Promise<void> {
  if (p.conferenceSid) await ctx.repos.scheduledCalls.setConferenceSid(p.callId, p.conferenceSid);
  await recordCallEvent(ctx, {
    callId: p.callId,
    kind: `conference_${p.event.replace(/^conference-|^participant-/, (m) => (m === 'participant-' ? 'participant_' : ''))}`,
    actor: 'carrier',
    // The participant's CallSid tells whose leg left (the call page's list of who is listening).
    detail: { attempt: p.attemptNo, event: p.event, callSid: p.callSid ?? null },
    dedupeKey: `${p.conferenceSid}:${p.event}:${p.callSid ?? ''}:${p.sequence ?? ''}`,
    audit: false,
  });
}
