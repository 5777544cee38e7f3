import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFlow } from '../../src/flow-engine/load-flow.js';
import { newSession, runFlow } from '../../src/flow-engine/run-flow.js';
import { fillPromptKey } from '../../src/flow-engine/speakable-values.js';
import type { Action, Flow, FlowSession } from '../../src/flow-engine/types.js';
import { renderTwiml } from '../../src/telephony/twilio/render-twiml.js';
import { voiceUrls } from '../../src/hotline/voice-urls.js';

let flow: Flow;
before(async () => {
  flow = await loadFlow('flows/hotline');
}, { timeout: 60_000 });

const texts = (actions: Action[]): string[] =>
  actions.flatMap((a) => (a.kind === 'say' ? [a.text] : a.kind === 'gather' ? texts(a.children) : a.kind === 'sayDigits' ? [a.digits] : []));

/** Drives the engine like the hotline does, answering effects from a table. */
function drive(inputs: Array<string | null>, effects: Record<string, { outcome: string; vars?: Record<string, string> }> = {}) {
  let reply = runFlow(flow, newSession('ru', { recording: 'off' }), { kind: 'start' });
  const heard = [...texts(reply.actions)];
  const step = (s: FlowSession, input: Parameters<typeof runFlow>[2]) => {
    reply = runFlow(flow, s, input);
    heard.push(...texts(reply.actions));
    while (reply.effect) {
      const e = effects[reply.effect] ?? { outcome: 'open' };
      reply = runFlow(flow, reply.session, { kind: 'effect', ...e });
      heard.push(...texts(reply.actions));
    }
  };
  for (const i of inputs) step(reply.session, i === null ? { kind: 'empty' } : { kind: 'digits', digits: i });
  return { reply, heard };
}

describe('flow engine (pure)', () => {
  it('does not change the session it was given', { timeout: 30_000 }, () => {
    const s = newSession('ru', { recording: 'off' });
    const copy = structuredClone(s);
    runFlow(flow, s, { kind: 'start' });
    assert.deepEqual(s, copy);
  });
  it('the language option sets the session language', { timeout: 30_000 }, () => {
    const { reply } = drive(['2']);
    assert.equal(reply.session.language, 'uk');
    assert.equal(reply.session.step, 'main');
  });
  it('retries are capped: three silences leave the step', { timeout: 30_000 }, () => {
    const { reply, heard } = drive(['1', null, null, null], { operatorHours: { outcome: 'closed' } });
    assert.equal(heard.filter((t) => t === flow.prompts.ru['common.no_input']).length, 2);
    assert.equal(reply.session.ended, true);
    assert.equal(reply.session.path.at(-1)?.step, 'goodbye');
  });
  it('a successful input resets the attempt counter', { timeout: 30_000 }, () => {
    const { reply } = drive(['1', null, '9']);
    assert.equal(reply.session.attempts.main, undefined);
  });
  it('reference and secret digits never reach the path', { timeout: 30_000 }, () => {
    const { reply } = drive(['1', '1', '7081396985#', '1', '4821#'], { answerStatusQuery: { outcome: 'negative' } });
    const path = JSON.stringify(reply.session.path);
    assert.ok(!path.includes('7081396985') && !path.includes('4821'));
    // Not even the length: a 4-digit secret logged as "[4 digits]" narrows it down (C-13).
    const inputs = Object.fromEntries(reply.session.path.filter((p) => p.input !== undefined).map((p) => [p.step, p.input]));
    assert.equal(inputs.reference, '[digits]');
    assert.equal(inputs.secret, '[digits]');
    assert.doesNotMatch(path, /\d+ digits/);
  });
  it('a health value outside the allow-list is dropped, never spoken (C-07)', { timeout: 30_000 }, () => {
    const { heard } = drive(['1', '1', '7081396985#', '1', '4821#'], { answerStatusQuery: { outcome: 'disclosed', vars: { health: 'critical' } } });
    assert.ok(heard.includes(flow.prompts.ru['disclosure.held']));
    assert.ok(!heard.some((t) => t.includes('здоровья')));
    assert.equal(fillPromptKey('health.{health}', { health: 'serious' }), undefined);
    assert.equal(fillPromptKey('health.{health}', { health: 'good' }), 'health.good');
  });
  it('renders TwiML with an action on every Gather and a fall-through Redirect (pitfall 23)', { timeout: 30_000 }, () => {
    const { reply } = drive([]);
    const xml = renderTwiml(reply.actions, voiceUrls('https://hotline.example.org', 1));
    assert.match(xml, /<Gather [^>]*action="https:\/\/hotline.example.org\/voice\/step\/1"/);
    assert.match(xml, /<\/Gather><Redirect method="POST">https:\/\/hotline.example.org\/voice\/step\/1<\/Redirect>/);
    assert.match(xml, /voice="Polly.Tatyana" language="ru-RU"/);
    assert.match(xml, /voice="Google.uk-UA-Wavenet-A" language="uk-UA"/);
  });
});
