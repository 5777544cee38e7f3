import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/parse-input.js';
import { CarrierError } from '../telephony/port.js';
import { applyAttemptOutcome } from './apply-attempt-outcome.js';
import { endReason } from './reason-codes.js';
import { recordCallEvent } from './record-call-event.js';
import { requireTelephony } from '../telephony/require-telephony.js';
import { LIVE_STATES, type CallState } from './call-states.js';

export const endInput = z.object({ reason: endReason });

async function liveAttempt(ctx: AppContext, callId: string) {
  const call = await ctx.repos.scheduledCalls.findById(callId);
  if (!call) throw new AppError('not_found', 'call was not found', 404);
  if (!LIVE_STATES.includes(call.state as CallState)) {
    throw new AppError('call_not_live', `the call is not live (${call.state})`, 409);
  }
  const attempt = await ctx.repos.callAttempts.find(callId, call.attempts);
  if (!attempt) throw new AppError('call_not_live', 'the call has no running attempt', 409);
  return { call, attempt };
}

/**
 * Barge: the monitor, who joined muted (S-03), is unmuted so the supervisor can speak into the call. Every
 * barge is audited.
 */
export async function bargeCall(ctx: AppContext, callId: string, actor: string): Promise<void> {
  const { call, attempt } = await liveAttempt(ctx, callId);
  if (!attempt.monitor_call_sid || !call.conference_sid)
    throw new AppError('monitor_not_joined', 'the monitor has not joined the conference yet', 409);
  try {
    await requireTelephony(ctx).updateParticipant(call.conference_sid, attempt.monitor_call_sid, { muted: false });
  } catch (e) {
    if (e instanceof CarrierError)
      throw new AppError('carrier_error', `the carrier refused the barge (${e.status}); the call may have just ended`, 502);
    throw e;
  }
  await recordCallEvent(ctx, { callId, kind: 'barged', actor, detail: { attempt: attempt.attempt_no } });
}

/** S-03: the supervisor ends a call with a mandatory reason; the family's number is never blocked by it. */
export async function endCall(ctx: AppContext, callId: string, raw: z.input<typeof endInput>, actor: string): Promise<void> {
  const { reason } = parseInput(endInput, raw);
  const { attempt } = await liveAttempt(ctx, callId);
  await recordCallEvent(ctx, { callId, kind: 'ended_by_supervisor', actor, detail: { attempt: attempt.attempt_no, reason } });
  await applyAttemptOutcome(ctx, callId, attempt.attempt_no, 'completed', `ended_by_supervisor:${reason}`, actor);
}
