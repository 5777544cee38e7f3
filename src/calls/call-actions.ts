import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { notFound } from '../shared/errors.js';
import { requestCall } from './request-call.js';
import { approveCallRequest } from './approve-call-request.js';
import { denyCallRequest } from './deny-call-request.js';
import { cancelCall } from './cancel-call.js';
import { rescheduleCall } from './reschedule-call.js';
import { listenToCall } from './listen-to-call.js';
import { bargeCall, endCall, endInput } from './supervise-call.js';
import { parseInput } from '../shared/parse-input.js';
import { parseLocalInput } from '../shared/local-time.js';
import { requireProtectionAcknowledged } from '../records/protection-concern.js';

type Body = Record<string, unknown>;

const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const num = (v: unknown) => (v === undefined || v === '' ? undefined : Number(v));
/**
 * datetime-local has no zone: the forms show and read it in the viewer's zone (and say which). A value that
 * is not a time is passed on as it is, so the use case's validator names the field.
 */
const inZone = (v: unknown, p: Principal) => {
  const s = str(v);
  return parseLocalInput(s, p.timeZone ?? 'UTC') ?? s;
};

/**
 * The console's forms (and the same bodies sent as JSON to the console API) mapped to the call use cases:
 * called in-process, never over HTTP. The use cases validate the mapped input and name the refusing rule.
 */
export const callActions = {
  /** O-01: an operator requests a call for a detainee's contact; policy refusals come back with their rule. */
  async request(ctx: AppContext, p: Principal, detaineeId: number, b: Body) {
    const d = await ctx.repos.detainees.findById(detaineeId);
    if (!d) throw notFound('the detainee');
    const c = await ctx.repos.contacts.findById(Number(b.contactId));
    if (!c || c.detainee_id !== d.id) throw notFound('the contact');
    return requestCall(
      ctx,
      {
        detaineeReference: d.reference,
        contactPhone: c.phone,
        earliest: inZone(b.earliest, p) as string,
        maxMinutes: num(b.maxMinutes),
        language: str(b.language) as never,
        // D-04: a request the detainee made himself, entered by staff, stays marked as his.
        source: b.source === 'detainee' ? 'detainee' : 'operator',
      },
      p.username,
    );
  },
  approve: (ctx: AppContext, p: Principal, requestId: number, b: Body) =>
    approveCallRequest(
      ctx,
      requestId,
      {
        startAt: inZone(b.startAt, p) as string,
        facilityLine: str(b.facilityLine) ?? '',
        supervisorPhone: str(b.supervisorPhone) ?? '',
        reason: str(b.reason) as never,
        maxMinutes: num(b.maxMinutes),
        interpreter: b.interpreter === 'true' || b.interpreter === true ? true : undefined,
      },
      p.username,
    ),
  deny: (ctx: AppContext, p: Principal, requestId: number, b: Body) =>
    denyCallRequest(ctx, requestId, { reason: str(b.reason) as never }, p.username),
  /** A call cancelled because he is released is an exchange step: a protection concern must be acknowledged (D-10). */
  async cancel(ctx: AppContext, p: Principal, callId: string, b: Body) {
    const call = str(b.reason) === 'released' ? await ctx.repos.scheduledCalls.findById(callId) : undefined;
    const d = call ? await ctx.repos.detainees.findById(call.detainee_id) : undefined;
    if (d) await requireProtectionAcknowledged(ctx, p, d, 'call_cancelled_released', b);
    return cancelCall(ctx, callId, { reason: str(b.reason) as never }, p.username);
  },
  reschedule: (ctx: AppContext, p: Principal, callId: string, b: Body) =>
    rescheduleCall(ctx, callId, new Date(inZone(b.startAt, p) ?? NaN), str(b.reason) ?? 'rescheduled', p.username),
  listen: (ctx: AppContext, p: Principal, callId: string, b: Body) => listenToCall(ctx, callId, str(b.phone) ?? '', p.username),
  /** Barge needs a reason (one of the end reasons, O-07) in the console; the call feature records the event, the audit entry keeps the reason. */
  async barge(ctx: AppContext, p: Principal, callId: string, b: Body) {
    const { reason } = parseInput(endInput, { reason: str(b.reason) });
    await bargeCall(ctx, callId, p.username);
    await ctx.repos.audit.append({ actor: p.username, action: 'call.barge', subjectType: 'call', subjectId: callId, detail: { reason } });
  },
  end: (ctx: AppContext, p: Principal, callId: string, b: Body) => endCall(ctx, callId, { reason: str(b.reason) as never }, p.username),
};
