import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertWithinCallHours, isWithinHours } from '../../src/calls/policy/assert-within-call-hours.js';
import { dialLimiter } from '../../src/worker/start-call-workers.js';
import { placeCallJobId } from '../../src/queue/queue-names.js';
import { AppError } from '../../src/shared/errors.js';
import { everyDay } from '../../src/facilities/weekly-hours.js';
import { finalStateFor, RETRYABLE_OUTCOMES } from '../../src/calls/call-states.js';

const kyiv = { start: '09:00', end: '18:00', zone: 'Europe/Kyiv' };

describe('call hours (O-01)', () => {
  it('the whole call must fit inside the window, in the window zone', { timeout: 30_000 }, () => {
    assert.equal(isWithinHours(kyiv, new Date('2026-03-02T08:00:00Z'), 10), true); // 10:00 Kyiv
    assert.equal(isWithinHours(kyiv, new Date('2026-03-02T15:55:00Z'), 10), false); // 17:55 + 10 min
    assert.equal(isWithinHours(kyiv, new Date('2026-03-02T06:30:00Z'), 10), false); // 08:30 Kyiv
    assert.equal(isWithinHours({ start: '20:00', end: '02:00', zone: 'UTC' }, new Date('2026-03-02T23:30:00Z'), 20), true);
    assert.equal(isWithinHours({ start: '00:00', end: '00:00', zone: 'UTC' }, new Date('2026-03-02T03:00:00Z'), 30), true);
  });

  it('a refusal names the rule: the facility first, then the contact', { timeout: 30_000 }, () => {
    const contact = { start: '10:00', end: '12:00', zone: 'Europe/Moscow' };
    const facility = { hours: everyDay('09:00', '18:00'), zone: 'Europe/Kyiv' };
    assert.throws(
      () => assertWithinCallHours(facility, contact, new Date('2026-03-02T05:00:00Z'), 10),
      (e: unknown) => e instanceof AppError && e.code === 'outside_facility_hours',
    );
    assert.throws(
      () => assertWithinCallHours(facility, contact, new Date('2026-03-02T13:00:00Z'), 10),
      (e: unknown) => e instanceof AppError && e.code === 'outside_contact_hours',
    );
    assert.doesNotThrow(() => assertWithinCallHours(facility, contact, new Date('2026-03-02T08:00:00Z'), 10));
  });
});

describe('queue and retry rules', () => {
  it('the dial limiter spaces dials so no sliding second exceeds the configured rate', { timeout: 30_000 }, () => {
    for (const cps of [1, 5, 10, 30]) {
      const l = dialLimiter(cps);
      assert.equal(l.max, 1);
      assert.ok(1000 / l.duration <= cps, `${cps}/s`);
    }
    assert.deepEqual(dialLimiter(0.5), { max: 1, duration: 2200 });
  });

  it('the first attempt job id is the call id; retries get their own deterministic id', { timeout: 30_000 }, () => {
    const id = '5b3a4a0e-0c8c-4b0e-9a57-9a0c6f1f2d11';
    assert.equal(placeCallJobId(id, 1), id);
    assert.equal(placeCallJobId(id, 2), `${id}_a2`);
    assert.ok(!placeCallJobId(id, 3).includes(':'));
  });

  it('declines and completions are final; carrier outcomes and a missing monitor are retried', { timeout: 30_000 }, () => {
    assert.ok(!RETRYABLE_OUTCOMES.includes('declined'));
    assert.ok(!RETRYABLE_OUTCOMES.includes('completed'));
    for (const o of ['no_answer', 'busy', 'machine', 'failed', 'missing_monitor', 'interrupted'] as const)
      assert.ok(RETRYABLE_OUTCOMES.includes(o));
    assert.equal(finalStateFor('interrupted'), 'failed');
    assert.equal(finalStateFor('machine'), 'machine');
  });
});

describe('supervised-call prompts and TwiML (D-06, D-11, A-05, S-02)', async () => {
  const { loadFlow } = await import('../../src/flow-engine/load-flow.js');
  const { checkFlow } = await import('../../src/flow-engine/check-flow.js');
  const { newSession, runFlow } = await import('../../src/flow-engine/run-flow.js');
  const { renderTwiml } = await import('../../src/telephony/twilio/render-twiml.js');
  const { SUPERVISED_CALL_EFFECT_CATALOGUE } = await import('../../src/calls/supervised-call-effects.js');
  const flow = await loadFlow('flows/supervised-call');
  type Lang = 'ru' | 'uk' | 'en';
  const session = (lang: Lang, vars: Record<string, string>, step: string | null = null) => ({
    ...newSession(lang, { recording: 'off', minutes: '12', room: 'call-1', ...vars }),
    step,
  });
  const said = (actions: ReturnType<typeof runFlow>['actions']): string =>
    actions.map((a) => (a.kind === 'say' ? a.text : a.kind === 'gather' ? said(a.children) : '')).join(' ');
  /** The document after the detainee heard who answered, pressed 1, and the use case said join: the conference. */
  const joined = (lang: Lang, vars: Record<string, string>) => {
    const answered = runFlow(flow, session(lang, vars, 'who_answered'), { kind: 'digits', digits: '1' });
    return runFlow(flow, answered.session, { kind: 'effect', outcome: 'join' }).actions;
  };
  const urls = {
    action: 'https://h/voice/outbound/x/1/facility/briefing',
    conferenceStatusCallback: 'https://h/voice/outbound/x/1/conference',
  };

  it('every language has every prompt, with its placeholders, and nothing about death or injury (C-07)', { timeout: 30_000 }, () => {
    assert.deepEqual(checkFlow(flow, SUPERVISED_CALL_EFFECT_CATALOGUE), []);
    for (const lang of ['ru', 'uk', 'en'] as const) {
      assert.match(said(runFlow(flow, session(lang, {}), { kind: 'start', entry: 'facility' }).actions), /12/);
      const intro = runFlow(flow, session(lang, { name: 'Ivan', named: 'named' }, 'notice'), { kind: 'digits', digits: '1' });
      assert.match(said(runFlow(flow, intro.session, { kind: 'effect', outcome: 'join' }).actions), /Ivan/);
      assert.doesNotMatch(Object.values(flow.prompts[lang]).join(' '), /умер|погиб|помер|загин|dead|died|injur|ранен|поранен/i);
    }
  });
  it('parties never start the conference; the recording starts with it only when configured', { timeout: 30_000 }, () => {
    const off = renderTwiml(joined('uk', {}), urls);
    assert.match(off, /startConferenceOnEnter="false"/);
    assert.match(off, /endConferenceOnExit="true"/);
    assert.match(off, /beep="false"/);
    assert.match(off, /record="do-not-record"/);
    assert.match(off, /Google\.uk-UA/); // no Polly voice for Ukrainian (twilio-notes TW-22)
    assert.match(renderTwiml(joined('ru', { recording: 'on' }), urls), /record="record-from-start"/);
    const prompt = renderTwiml(runFlow(flow, session('ru', {}), { kind: 'start', entry: 'facility' }).actions, urls);
    assert.match(prompt, /actionOnEmptyResult="true"/);
    assert.match(prompt, /finishOnKey=""/);
  });
});
