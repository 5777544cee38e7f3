import type { AppContext } from '../app-context.js';
import type { Leg } from '../storage/repositories/index.js';
import { applyAttemptOutcome } from './apply-attempt-outcome.js';
import { recordCallEvent } from './record-call-event.js';

export interface LegStatus {
  callId: string;
  attemptNo: number;
  leg: Leg;
  callSid: string;
  callStatus: string;
  sequence?: string;
}

const FAIL_OUTCOME = { 'no-answer': 'no_answer', busy: 'busy', failed: 'failed' } as const;

/**
 * A status callback of one leg. Idempotent: the event is stored once per CallSid:CallStatus:SequenceNumber
 * (twilio-notes TW-12); order-independent: each rule is a compare-and-set from the states it may leave, and an
 * attempt with an outcome ignores everything after it (twilio-notes TW-13). `answered` arrives as in-progress (TW-14).
 */
export async function handleLegStatus(ctx: AppContext, s: LegStatus): Promise<void> {
  const fresh = await recordCallEvent(ctx, {
    callId: s.callId,
    kind: `leg_${s.leg}_${s.callStatus}`,
    actor: 'carrier',
    detail: { attempt: s.attemptNo, leg: s.leg, status: s.callStatus, sequence: s.sequence ?? null },
    dedupeKey: `${s.callSid}:${s.callStatus}:${s.sequence ?? ''}`,
    audit: false,
  });
  if (!fresh) return;
  // Binds the SID even when the worker died before storing it (the crash policy waits for exactly this).
  await ctx.repos.callAttempts.setSid(s.callId, s.attemptNo, s.leg, s.callSid);
  const a = await ctx.repos.callAttempts.find(s.callId, s.attemptNo);
  if (!a || a.outcome) return;
  const { callId, attemptNo, leg } = s;
  switch (s.callStatus) {
    case 'ringing':
      if (leg === 'facility' && (await ctx.repos.scheduledCalls.transition(callId, ['dialling'], 'ringing'))) {
        await recordCallEvent(ctx, { callId, kind: 'ringing', actor: 'carrier', detail: { attempt: attemptNo } });
      }
      return;
    case 'in-progress':
    case 'answered':
      if (leg === 'facility' && (await ctx.repos.scheduledCalls.transition(callId, ['dialling', 'ringing'], 'awaiting_acceptance'))) {
        await recordCallEvent(ctx, { callId, kind: 'awaiting_acceptance', actor: 'carrier', detail: { attempt: attemptNo } });
      }
      // The monitor counts as present only once he pressed 1 (handleMonitorInput, O-02, D-07).
      return;
    case 'completed':
      // S-02: the monitor leaving ends the conference for all (endConferenceOnExit); the reason says so.
      if (a.connected_at)
        return applyAttemptOutcome(ctx, callId, attemptNo, 'completed', leg === 'monitor' ? 'monitor_left' : `${leg}_hung_up`);
      if (leg === 'monitor') return applyAttemptOutcome(ctx, callId, attemptNo, 'missing_monitor', 'monitor_left');
      if (leg === 'relative' && a.relative_accepted_at)
        return applyAttemptOutcome(ctx, callId, attemptNo, 'missing_monitor', 'relative_left_waiting_for_monitor');
      // D-06 / D-05: hanging up before accepting is declining, and declining costs nothing.
      return applyAttemptOutcome(ctx, callId, attemptNo, 'declined', leg === 'facility' ? 'detainee_hung_up' : 'relative_hung_up');
    case 'no-answer':
    case 'busy':
    case 'failed': {
      if (leg === 'monitor') return applyAttemptOutcome(ctx, callId, attemptNo, 'missing_monitor', `monitor_${FAIL_OUTCOME[s.callStatus]}`);
      return applyAttemptOutcome(ctx, callId, attemptNo, FAIL_OUTCOME[s.callStatus], `${leg}_${FAIL_OUTCOME[s.callStatus]}`);
    }
    default:
      return; // initiated, queued, canceled (we cancelled it): timeline only
  }
}
