import type { CallAttempt, CallEvent, ScheduledCall } from '../storage/schema.js';
import { LIVE_STATES, type CallState } from './call-states.js';

export interface CallListeners {
  /** The call's monitor, present from pressing 1 until the attempt ends (S-02). */
  monitor: { since: Date } | null;
  /** Supervisors dialled in muted (S-03), by username, while their leg is in the conference. */
  listeners: Array<{ actor: string; since: Date }>;
}

const detailOf = (e: CallEvent): Record<string, unknown> =>
  e.detail && typeof e.detail === 'object' ? (e.detail as Record<string, unknown>) : {};

/**
 * The CallSid a conference callback was about: in its detail, or (events recorded before the detail kept it)
 * in its dedupe key `conferenceSid:event:callSid:sequence`.
 */
function participantSid(e: CallEvent): string | undefined {
  const sid = detailOf(e).callSid;
  if (typeof sid === 'string' && sid) return sid;
  return e.dedupe_key?.split(':')[2] || undefined;
}

/**
 * Who hears the call now, from what was recorded: the monitor of the running attempt, and each listener leg
 * (`listener_joined`) until the conference said it left, the conference ended, or the call stopped being live.
 */
export function whoIsListening(call: ScheduledCall, attempts: CallAttempt[], events: CallEvent[]): CallListeners {
  if (!LIVE_STATES.includes(call.state as CallState)) return { monitor: null, listeners: [] };
  const attempt = attempts.find((a) => a.attempt_no === call.attempts);
  const monitor = attempt?.monitor_joined_at && !attempt.outcome ? { since: new Date(attempt.monitor_joined_at) } : null;
  const listeners: CallListeners['listeners'] = [];
  const open = new Map<string, { actor: string; since: Date }>();
  for (const e of events) {
    if (e.kind === 'listener_joined') {
      const sid = String(detailOf(e).callSid ?? e.id);
      open.set(sid, { actor: e.actor ?? '', since: new Date(e.at) });
    } else if (e.kind === 'conference_participant_leave') {
      const sid = participantSid(e);
      if (sid) open.delete(sid);
    } else if (e.kind === 'conference_end') {
      open.clear();
    }
  }
  listeners.push(...open.values());
  return { monitor, listeners };
}
