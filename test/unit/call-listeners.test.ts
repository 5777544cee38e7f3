import { test } from 'node:test';
import assert from 'node:assert/strict';
import { whoIsListening } from '../../src/calls/call-listeners.js';
import type { CallAttempt, CallEvent, ScheduledCall } from '../../src/storage/schema.js';

// S-03: the call page says who hears the call: the monitor of the running attempt and each listener leg,
// until the conference reports that leg left (or ended), or the call is over.
const call = (state: string) => ({ id: 'c', state, attempts: 1 }) as ScheduledCall;
const joined = new Date('2026-01-15T12:01:00Z');
const attempt = (outcome: string | null = null) => [{ attempt_no: 1, monitor_joined_at: joined, outcome }] as CallAttempt[];
let id = 0;
const ev = (kind: string, detail: Record<string, unknown>, actor = 'carrier', dedupe: string | null = null): CallEvent =>
  ({ id: ++id, call_id: 'c', at: new Date('2026-01-15T12:02:00Z'), kind, actor, detail, dedupe_key: dedupe }) as CallEvent;

test('listeners appear when dialled in and go when their leg leaves the conference', { timeout: 5_000 }, () => {
  const a = ev('listener_joined', { callSid: 'CA1' }, 'olena');
  const b = ev('listener_joined', { callSid: 'CA2' }, 'petro');
  let who = whoIsListening(call('connected'), attempt(), [a, b]);
  assert.deepEqual(who.monitor, { since: joined });
  assert.deepEqual(
    who.listeners.map((l) => l.actor),
    ['olena', 'petro'],
  );
  who = whoIsListening(call('connected'), attempt(), [a, b, ev('conference_participant_leave', { callSid: 'CA1' })]);
  assert.deepEqual(
    who.listeners.map((l) => l.actor),
    ['petro'],
  );
  // Events recorded before the detail kept the SID: the dedupe key `conference:event:callSid:sequence` has it.
  who = whoIsListening(call('connected'), attempt(), [
    a,
    b,
    ev('conference_participant_leave', {}, 'carrier', 'CF1:participant-leave:CA2:7'),
  ]);
  assert.deepEqual(
    who.listeners.map((l) => l.actor),
    ['olena'],
  );
  assert.deepEqual(whoIsListening(call('connected'), attempt(), [a, ev('conference_end', {})]).listeners, []);
});

test('nobody listens to a call that ended, and the monitor goes with the attempt', { timeout: 5_000 }, () => {
  const a = ev('listener_joined', { callSid: 'CA1' }, 'olena');
  assert.deepEqual(whoIsListening(call('completed'), attempt('completed'), [a]), { monitor: null, listeners: [] });
  assert.equal(whoIsListening(call('missing_monitor'), attempt('missing_monitor'), []).monitor, null);
  assert.equal(
    whoIsListening(call('ringing'), [{ attempt_no: 1, monitor_joined_at: null, outcome: null }] as CallAttempt[], []).monitor,
    null,
  );
});
