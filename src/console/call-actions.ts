import type { AppContext } from '../app-context.js';
import type { Principal } from '../http/auth/principal.js';
import { AppError, notFound } from '../shared/errors.js';
import { requestCall } from '../calls/request-call.js';
import { approveCallRequest } from '../calls/approve-call-request.js';
import { denyCallRequest } from '../calls/deny-call-request.js';
import { cancelCall } from '../calls/cancel-call.js';
import { scheduleCall } from '../calls/schedule-call.js';
import { bargeCall, endCall } from '../calls/supervise-call.js';
import { normalisePhone } from '../shared/phone.js';
import { LIVE_STATES, type CallState } from '../calls/call-states.js';

type Body = Record<string, unknown>;

const notInstalled = (what: string) => new AppError('not_available', `${what} is not available in this build yet (the call feature does not provide it)`, 501);

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const num = (v: unknown) => (v === undefined || v === '' ? undefined : Number(v));
/** datetime-local has no zone; the forms label it UTC. */
const utc = (v: unknown) => {
  const s = str(v);
  return s && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(s) ? `${s}Z` : s;
};

/**
 * The console's (and the console API's) way into the call feature in src/calls/: called in-process,
 * never over HTTP. Form fields are mapped to the use cases' inputs here.
 */
export const callActions = {
  /** O-01: an operator requests a call for a detainee's contact; policy refusals come back with their rule. */
  async request(ctx: AppContext, p: Principal, detaineeId: number, b: Body) {
    const d = await ctx.repos.detainees.findById(detaineeId);
    if (!d) throw notFound('the detainee');
    const c = await ctx.repos.contacts.findById(Number(b.contactId));
    if (!c || c.detainee_id !== d.id) throw notFound('the contact');
    return requestCall(ctx, { detaineeReference: d.reference, contactPhone: c.phone, earliest: utc(b.earliest) as string, maxMinutes: num(b.maxMinutes), language: str(b.language) as never, source: 'operator' }, p.username);
  },
  approve: (ctx: AppContext, p: Principal, requestId: number, b: Body) =>
    approveCallRequest(ctx, requestId, { startAt: utc(b.startAt) as string, facilityLine: str(b.facilityLine) ?? '', supervisorPhone: str(b.supervisorPhone) ?? '', reason: str(b.reason) as never, maxMinutes: num(b.maxMinutes), interpreter: b.interpreter === 'true' || b.interpreter === true ? true : undefined }, p.username),
  deny: (ctx: AppContext, p: Principal, requestId: number, b: Body) => denyCallRequest(ctx, requestId, { reason: str(b.reason) as never }, p.username),
  cancel: (ctx: AppContext, p: Principal, callId: string, b: Body) => cancelCall(ctx, callId, { reason: str(b.reason) as never }, p.username),
  /**
   * Reschedule = cancel (reason "rescheduled") + schedule the same call at the new time, through the call
   * feature's policy. If the new slot is refused, the call is put back at its old time and the refusal shown.
   */
  async reschedule(ctx: AppContext, p: Principal, callId: string, b: Body) {
    const old = await ctx.repos.scheduledCalls.findById(callId);
    if (!old) throw notFound('the call');
    if (old.state !== 'scheduled') throw new AppError('not_reschedulable', `only a scheduled call can be moved (this one is ${old.state})`, 409);
    const startAt = new Date(String(utc(b.startAt)));
    if (Number.isNaN(startAt.getTime())) throw new AppError('invalid_input', 'startAt: a date and time is needed');
    await cancelCall(ctx, callId, { reason: 'rescheduled' }, p.username);
    const base = { detaineeId: old.detainee_id, contactId: old.contact_id, requestId: old.request_id, facilityLine: old.facility_line, supervisorPhone: old.supervisor_phone, maxMinutes: old.max_minutes, language: old.language, interpreter: old.interpreter };
    try {
      const moved = await scheduleCall(ctx, { ...base, startAt }, p.username);
      await ctx.repos.audit.append({ actor: p.username, action: 'call.reschedule', subjectType: 'call', subjectId: callId, detail: { newCallId: moved.id, reason: str(b.reason) ?? 'rescheduled' } });
      return moved;
    } catch (e) {
      await scheduleCall(ctx, { ...base, startAt: new Date(old.start_at) }, p.username);
      throw e;
    }
  },
  /** S-03: "dial my phone in, muted": a muted, beepless extra participant that cannot start or end the conference. */
  async listen(ctx: AppContext, p: Principal, callId: string, b: Body) {
    const call = await ctx.repos.scheduledCalls.findById(callId);
    if (!call) throw notFound('the call');
    if (!call.conference_sid || !LIVE_STATES.includes(call.state as CallState)) {
      throw new AppError('call_not_live', `the call has no live conference to listen to (${call.state})`, 409);
    }
    if (!ctx.telephony) throw notInstalled('listening to a call');
    const to = normalisePhone(str(b.phone) ?? '').e164;
    const leg = await ctx.telephony.createParticipant(call.conference_sid, { from: ctx.config.twilio.hotlineNumber, to, label: 'listener', muted: true, beep: 'false', startConferenceOnEnter: false, endConferenceOnExit: false });
    await ctx.repos.scheduledCalls.addEvent({ callId, kind: 'listener_joined', actor: p.username, detail: { callSid: leg.callSid } });
    await ctx.repos.audit.append({ actor: p.username, action: 'call.listen', subjectType: 'call', subjectId: callId });
    return leg;
  },
  /** Barge needs a reason in the console; the call feature records the event, the audit entry keeps the reason. */
  async barge(ctx: AppContext, p: Principal, callId: string, b: Body) {
    const reason = str(b.reason);
    if (!reason) throw new AppError('reason_required', 'barging into a call needs a reason');
    await bargeCall(ctx, callId, p.username);
    await ctx.repos.audit.append({ actor: p.username, action: 'call.barge', subjectType: 'call', subjectId: callId, detail: { reason } });
  },
  end: (ctx: AppContext, p: Principal, callId: string, b: Body) => endCall(ctx, callId, { reason: str(b.reason) as never }, p.username),
};
