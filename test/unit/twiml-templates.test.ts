import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFlow } from '../../src/flow-engine/load-flow.js';
import { newSession, runFlow } from '../../src/flow-engine/run-flow.js';
import { stepReplies } from '../../src/flow-engine/step-replies.js';
import type { Action, Flow } from '../../src/flow-engine/types.js';
import { renderTwiml } from '../../src/telephony/twilio/render-twiml.js';
import { createTwimlTemplates, escapeXmlText, TURN_SLOT } from '../../src/telephony/twilio/twiml-templates.js';
import { voiceUrls } from '../../src/hotline/voice-urls.js';
import { LANGUAGES } from '../../src/storage/schema.js';

const BASE = 'https://hotline.example.org';
let flow: Flow;
before(async () => {
  flow = await loadFlow('flows/hotline');
});

/** What the SDK's VoiceResponse builder renders for these actions at this turn: the reference output. */
const sdk = (actions: Action[], turn: number) => renderTwiml(actions, voiceUrls(BASE, turn));

describe('precompiled TwiML templates', () => {
  it('equal what VoiceResponse renders, for every step in every language, with its re-prompts', () => {
    const t = createTwimlTemplates(voiceUrls(BASE, TURN_SLOT));
    const replies = stepReplies(flow);
    const steps = new Set(replies.map((r) => `${r.step}/${r.lang}`));
    assert.ok(steps.size >= Object.keys(flow.steps).length * LANGUAGES.length);
    for (const r of replies) {
      for (const turn of [1, 7, 12345]) assert.equal(t.render(r.actions, turn), sdk(r.actions, turn), `${r.step} in ${r.lang}`);
    }
  });

  it('equal VoiceResponse for the replies of whole calls, effects and read-backs included', () => {
    const t = createTwimlTemplates(voiceUrls(BASE, TURN_SLOT));
    for (const lang of ['1', '2', '3']) {
      let reply = runFlow(flow, newSession('ru', { recording: 'on' }), { kind: 'start' });
      const inputs: Array<{ kind: 'digits'; digits: string } | { kind: 'empty' }> = [
        { kind: 'digits', digits: lang }, { kind: 'digits', digits: '7' }, { kind: 'empty' }, { kind: 'digits', digits: '1' },
        { kind: 'digits', digits: '7081396985#' }, { kind: 'digits', digits: '1' }, { kind: 'digits', digits: '1234#' },
      ];
      let turn = 1;
      for (const input of [null, ...inputs]) {
        if (input) reply = runFlow(flow, reply.session, input);
        while (reply.effect) reply = runFlow(flow, reply.session, { kind: 'effect', outcome: 'disclosed', vars: { health: 'good' } });
        assert.equal(t.render(reply.actions, turn), sdk(reply.actions, turn));
        turn++;
      }
    }
  });

  it('splice read-back digits as escaped text and never cache them', () => {
    const t = createTwimlTemplates(voiceUrls(BASE, TURN_SLOT));
    const say: Action = { kind: 'say', text: 'You entered', lang: 'en' };
    const gather = (digits: string): Action[] => [{ kind: 'gather', numDigits: 1, finishOnKey: '', timeout: 6, children: [say, { kind: 'sayDigits', digits, lang: 'en' }] }];
    t.render(gather('0000000000'), 1);
    const size = t.size();
    for (const digits of ['7081396985', '1234567890', '<&>"\'\r', 'a]]>b']) {
      const out = t.render(gather(digits), 3);
      assert.equal(out, sdk(gather(digits), 3));
      if (digits.includes('<')) assert.ok(out.includes('&lt;, &amp;, &gt;') && !out.includes('<, &,'));
    }
    assert.equal(t.size(), size, 'dynamic digits add no fragment');
  });

  it('escape text exactly as the builder does, and drop characters XML cannot carry', () => {
    assert.equal(escapeXmlText('a<b>&c"d\'e\r\nf'), 'a&lt;b&gt;&amp;c"d\'e&#xD;\nf');
    assert.equal(escapeXmlText('x\u0000\u0007y'), 'xy');
  });

  it('render an empty reply and verbs without children like the builder', () => {
    const t = createTwimlTemplates(voiceUrls(BASE, TURN_SLOT));
    const cases: Action[][] = [[], [{ kind: 'hangup' }], [{ kind: 'gather', finishOnKey: '#', timeout: 8, children: [] }], [{ kind: 'record', maxLength: 60, lang: 'uk' }], [{ kind: 'enqueue', queue: 'operators', lang: 'en' }, { kind: 'pause', seconds: 2 }]];
    for (const c of cases) assert.equal(t.render(c, 4), sdk(c, 4));
  });
});
