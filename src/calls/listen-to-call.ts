import type { AppContext } from '../app-context.js';
import { AppError, notFound } from '../shared/errors.js';
import { normalisePhone } from '../shared/phone.js';
import { LIVE_STATES, type CallState } from './call-states.js';

/**
 * S-03: "dial my phone in, muted": the supervisor's phone joins the live conference as a muted, beepless
 * extra participant that can neither start nor end it. Every listen is audited.
 */
export async function listenToCall(ctx: AppContext, callId: string, phone: string, actor: string): Promise<{ callSid: string }> {
  const call = await ctx.repos.scheduledCalls.findById(callId);
  if (!call) throw notFound('the call');
  if (!call.conference_sid || !LIVE_STATES.includes(call.state as CallState)) {
    throw new AppError('call_not_live', `the call has no live conference to listen to (${call.state})`, 409);
  }
  const telephony = ctx.telephony;
  if (!telephony)
    throw new AppError(
      'not_available',
      'listening to a call is not available in this build yet (the call feature does not provide it)',
      501,
    );
  const to = normalisePhone(phone).e164;
  const leg = await telephony.createParticipant(call.conference_sid, {
    from: ctx.config.twilio.hotlineNumber,
    to,
    label: 'listener',
    muted: true,
    beep: 'false',
    startConferenceOnEnter: false,
    endConferenceOnExit: false,
  });
  await ctx.repos.scheduledCalls.addEvent({ callId, kind: 'listener_joined', actor, detail: { callSid: leg.callSid } });
  await ctx.repos.audit.append({ actor, action: 'call.listen', subjectType: 'call', subjectId: callId });
  return leg;
}
