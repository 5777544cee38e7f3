import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CALL_EVENT_KINDS } from '../../src/calls/call-event-kinds.js';
import { ATTEMPT_OUTCOMES } from '../../src/calls/call-states.js';
import { eventSentence, type SentenceContext } from '../../src/console/call-sentences.js';
import { reasonText } from '../../src/console/call-reason-text.js';
import { outcomeLabel, translator } from '../../src/console/i18n.js';
import { formatInstant } from '../../src/shared/local-time.js';
import type { CallAttempt, CallEvent } from '../../src/storage/schema.js';

// The call page's timeline speaks in sentences, one per event kind, in the viewer's language and zone, with
// people by name and never a phone number; final reasons and outcomes are words, not codes.
const LANGS = ['en', 'uk'] as const;
const attempts = [{ attempt_no: 1, facility_call_sid: 'CAf', relative_call_sid: 'CAr', monitor_call_sid: 'CAm' }] as CallAttempt[];
const event = (kind: string, detail: Record<string, unknown> = {}, actor = 'system', id = 1): CallEvent =>
  ({ id, call_id: 'c', at: new Date('2026-01-15T12:02:00Z'), kind, actor, detail, dedupe_key: null }) as CallEvent;
const listen = event('listener_joined', { callSid: 'CAl' }, 'olena', 2);
const context = (lang: 'en' | 'uk'): SentenceContext => ({
  t: translator(lang),
  names: { olena: 'Олена Коваленко' },
  attempts,
  events: [listen],
  time: (iso) => formatInstant(iso, 'Europe/Kyiv'),
});
// Every field any event's detail carries, so each sentence has what it names.
const FULL = {
  attempt: 2,
  startAt: '2026-01-15T12:30:00Z',
  maxMinutes: 10,
  reason: 'relative_hung_up',
  rule: 'outside_contact_hours',
  status: 503,
  leg: 'relative',
  outcome: 'no_answer',
  callSid: 'CAr',
};

test('every event kind the call feature records has its own sentence in English and Ukrainian', { timeout: 5_000 }, () => {
  for (const lang of LANGS) {
    const c = context(lang);
    const unknown = eventSentence(c, event('no_such_kind'));
    for (const kind of CALL_EVENT_KINDS) {
      const s = eventSentence(c, event(kind, FULL, kind === 'scheduled' || kind === 'cancelled' ? 'olena' : 'system'));
      assert.ok(!s.startsWith(unknown.split('(')[0]), `${lang}: ${kind} has a sentence, not the fallback (${s})`);
      assert.doesNotMatch(s, /[{}]/, `${lang}: ${kind} fills every placeholder (${s})`);
      assert.doesNotMatch(s, /\+?\d{7,}/, `${lang}: ${kind} shows no phone number`);
      if (lang === 'uk') assert.doesNotMatch(s, /[a-z]{2,}/i, `uk: ${kind} has no English words or codes (${s})`);
    }
  }
  assert.equal(new Set(CALL_EVENT_KINDS).size, CALL_EVENT_KINDS.length);
});

test('sentences read as sentences: who did it by name, times in the zone, whose leg', { timeout: 5_000 }, () => {
  const en = context('en');
  const uk = context('uk');
  assert.equal(eventSentence(en, event('relative_accepted')), 'The relative accepted');
  assert.equal(eventSentence(uk, event('relative_accepted')), 'Родич погодився');
  const ended = event('ended_by_supervisor', { attempt: 1, reason: 'rules_breached' }, 'olena');
  assert.equal(eventSentence(en, ended), 'Олена Коваленко ended the call: rules breached');
  assert.equal(eventSentence(uk, ended), 'Олена Коваленко завершує дзвінок: порушено правила');
  // 12:30 UTC is 14:30 in Kyiv in January.
  assert.equal(
    eventSentence(en, event('scheduled', { startAt: '2026-01-15T12:30:00Z' }, 'olena')),
    'Олена Коваленко scheduled the call for 2026-01-15 14:30',
  );
  assert.equal(eventSentence(en, event('leg_relative_in-progress')), "Relative's line: answered");
  assert.equal(
    eventSentence(uk, event('conference_participant_join', { callSid: 'CAl' })),
    'Слухач Олена Коваленко: приєднання до конференції',
  );
  assert.equal(eventSentence(en, event('conference_participant_leave', { callSid: 'CAm' })), 'The monitor left the conference');
  assert.equal(
    eventSentence(en, event('completed', { attempt: 1, reason: 'ended_by_supervisor:rules_breached' })),
    'The call ended (ended by a supervisor: rules breached)',
  );
  // A kind without a sentence is still said, with its name.
  assert.equal(eventSentence(en, event('something_new')), 'Another event (something_new)');
  assert.equal(eventSentence(uk, event('something_new')), 'Інша подія (something_new)');
});

test('attempt outcomes and final reasons are names, in Ukrainian without a code left', { timeout: 5_000 }, () => {
  const reasons = [
    'ended_by_supervisor:rules_breached',
    'ended_by_supervisor:time_exceeded',
    'relative_no_answer; no retry left',
    'monitor_no_keypress; no retry left',
    'policy:outside_facility_hours',
    'policy:consent_calls_missing',
    'reconciled:no_answer',
    'carrier_rejected:21215',
    'relative_carrier_rejected:21215',
    'monitor_carrier_rejected:400',
    'carrier_unavailable:503',
    'detainee_request',
    'rescheduled',
    'time_limit',
    'monitor_left',
    'relative_hung_up',
    'facility_hung_up',
    'detainee_hung_up',
    'detainee_declined',
    'detainee_declined_after_answer',
    'relative_declined',
    'relative_no_keypress',
    'relative_left_waiting_for_monitor',
    'monitor_declined',
    'monitor_machine',
    'monitor_amd_unknown',
    'answering_machine',
    'amd_unknown',
    'dial_unconfirmed_after_crash',
    ...['facility', 'relative', 'monitor'].flatMap((leg) => ['no_answer', 'busy', 'failed', 'dial_unconfirmed'].map((o) => `${leg}_${o}`)),
  ];
  const uk = translator('uk');
  const en = translator('en');
  for (const r of reasons) {
    assert.doesNotMatch(reasonText(uk, r), /[a-z_]{2,}/i, `uk names ${r}: ${reasonText(uk, r)}`);
    assert.doesNotMatch(reasonText(en, r), /_/, `en names ${r}: ${reasonText(en, r)}`);
  }
  assert.equal(reasonText(uk, 'ended_by_supervisor:rules_breached'), 'Завершено супервізором: порушено правила');
  assert.equal(reasonText(en, 'relative_no_answer; no retry left'), 'The relative did not answer; no attempts left');
  assert.equal(reasonText(en, 'not_a_reason'), 'not_a_reason', 'an unknown code stays visible');
  for (const o of [...ATTEMPT_OUTCOMES, 'carrier_error']) {
    for (const t of [en, uk]) assert.notEqual(outcomeLabel(t, o), o, `${o} has a name`);
  }
  assert.equal(outcomeLabel(uk, 'no_answer'), 'Немає відповіді');
});
