import type { AppContext } from '../app-context.js';
import type { ScheduledCall } from '../storage/schema.js';
import { AppError } from '../shared/errors.js';
import { maskPhone } from '../shared/redact.js';
import { CALL_STATES, type CallState } from './call-states.js';

/** What the API and console show of a call: numbers masked (O-03), no digits, no names. */
export function callView(c: ScheduledCall) {
  return {
    id: c.id,
    requestId: c.request_id,
    detaineeId: c.detainee_id,
    contactId: c.contact_id,
    state: c.state,
    startAt: c.start_at,
    maxMinutes: c.max_minutes,
    language: c.language,
    interpreter: c.interpreter,
    attempts: c.attempts,
    maxAttempts: c.max_attempts,
    finalReason: c.final_reason,
    facilityLine: maskPhone(c.facility_line),
    supervisorPhone: maskPhone(c.supervisor_phone),
    supervisor: c.supervisor,
    windowEnd: c.window_end,
    updatedAt: c.updated_at,
  };
}

/** A call with its attempts and its timeline of events (status callbacks ordered as stored). */
export async function getCall(ctx: AppContext, callId: string) {
  const call = await ctx.repos.scheduledCalls.findById(callId);
  if (!call) throw new AppError('not_found', 'call was not found', 404);
  const attempts = await ctx.repos.scheduledCalls.attempts(callId);
  const events = await ctx.repos.scheduledCalls.events(callId);
  const contact = await ctx.repos.contacts.findById(call.contact_id);
  return {
    ...callView(call),
    /** The relative's zone, so a time can also be given as the relative's local time. */
    relativeTimeZone: contact?.time_zone ?? null,
    attemptList: attempts.map((a) => ({
      attemptNo: a.attempt_no,
      claimedAt: a.claimed_at,
      outcome: a.outcome,
      endedAt: a.ended_at,
      detaineeAcceptedAt: a.detainee_accepted_at,
      relativeAcceptedAt: a.relative_accepted_at,
      monitorJoinedAt: a.monitor_joined_at,
      connectedAt: a.connected_at,
      facilityCallSid: a.facility_call_sid,
      relativeCallSid: a.relative_call_sid,
      monitorCallSid: a.monitor_call_sid,
    })),
    events: events.map((e) => ({ at: e.at, kind: e.kind, actor: e.actor, detail: e.detail })),
  };
}

/** The console's queue view by state (S-02); capped, no export. */
export async function listCalls(ctx: AppContext, states: string[], limit = 100) {
  const bad = states.filter((s) => !CALL_STATES.includes(s as CallState));
  if (bad.length) throw new AppError('invalid_state', `unknown state ${bad.join(', ')}; use ${CALL_STATES.join(', ')}`, 400);
  const rows = await ctx.repos.scheduledCalls.listRecentByStates(states.length ? states : [...CALL_STATES], limit);
  return rows.map(callView);
}
