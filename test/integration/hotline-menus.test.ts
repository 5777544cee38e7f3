import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startVoiceHarness, settableClock, newCallSid, type VoiceHarness } from '../support/voice-harness.js';
import { loadFlow } from '../../src/flow-engine/load-flow.js';
import type { Flow } from '../../src/flow-engine/types.js';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../src/server/create-app.js';
import { createSignedTransport } from '../../src/telephony/simulated/signed-transport.js';

let h: VoiceHarness;
let flow: Flow;
let P: Record<string, string>;
const clock = settableClock('2026-06-01T09:00:00Z');
const OPEN = '2026-06-01T09:00:00Z'; // 12:00 in Kyiv
const CLOSED = '2026-06-01T21:30:00Z'; // 00:30 in Kyiv

before(
  async () => {
    h = await startVoiceHarness(
      { TWILIO_AUTH_TOKEN: 'menus-token', TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`, TWILIO_HOTLINE_NUMBER: '+380441230000' },
      clock,
    );
    flow = await loadFlow('flows/hotline');
    P = flow.prompts.ru;
  },
  { timeout: 120_000 },
);
after(() => h.close(), { timeout: 60_000 });

describe('greeting and language (C-01, C-02)', () => {
  const choice = () => [flow.prompts.ru['language.choose'], flow.prompts.uk['language.choose'], flow.prompts.en['language.choose']];
  const greeting = (lang: 'ru' | 'uk' | 'en') =>
    ['greeting.who', 'greeting.free', 'greeting.recording_off', 'greeting.notice'].map((k) => flow.prompts[lang][k]);
  it('every call opens with a short choice of language, each option in its own voice, then the greeting', { timeout: 60_000 }, async () => {
    const r = await h.call(['1', 'h']);
    assert.deepEqual(r.heard.slice(0, 3), choice());
    assert.deepEqual(r.heard.slice(3, 7), greeting('ru'));
    const says = r.events.filter((e) => e.kind === 'say').slice(0, 3);
    assert.deepEqual(
      says.map((e) => (e as { language?: string }).language),
      ['ru-RU', 'uk-UA', 'en-GB'],
    );
    assert.equal(r.outcome, 'caller-hangup');
  });
  it('no input means Russian', { timeout: 60_000 }, async () => {
    const r = await h.call(['', 'h']);
    assert.deepEqual(r.heard.slice(3, 7), greeting('ru'));
    assert.equal(r.heard.at(-1), P['main.menu']);
  });
  it(
    'a Ukrainian or English caller hears no Russian but the one-line choice before the greeting in his language',
    { timeout: 60_000 },
    async () => {
      for (const [key, lang, voice] of [
        ['2', 'uk', 'Google.uk-UA-Wavenet-A'],
        ['3', 'en', 'Polly.Amy'],
      ] as const) {
        const r = await h.call([key, 'h']);
        assert.deepEqual(r.heard, [...choice(), ...greeting(lang), flow.prompts[lang]['main.menu']]);
        const russian = r.events.filter((e) => e.kind === 'say' && (e as { language?: string }).language === 'ru-RU');
        assert.equal(russian.length, 1, 'only the Russian option of the choice');
        assert.ok(r.events.some((e) => e.kind === 'say' && e.voice === voice));
        // The leaflet's keys are unchanged: the same digits reach the status lookup in any language.
        const lookup = await h.call([key, '1', 'h']);
        assert.equal(lookup.heard.at(-1), flow.prompts[lang]['reference.enter']);
      }
    },
  );
  it('the greeting names no time of day: a call at half past midnight hears no "good day"', { timeout: 60_000 }, async () => {
    clock.set(CLOSED);
    try {
      for (const key of ['1', '2', '3']) {
        const r = await h.call([key, 'h']);
        const timeOfDay = /добр(ый|ого|ое|ий)\s+(день|дня|утр|вечер|ранку)|good\s+(morning|afternoon|evening|day)/i;
        assert.ok(!r.heard.some((t) => timeOfDay.test(t)), r.heard.join(' | '));
      }
    } finally {
      clock.set(OPEN);
    }
  });
  it('9 repeats the main menu', { timeout: 60_000 }, async () => {
    const r = await h.call(['1', '9', 'h']);
    assert.equal(r.heard.filter((t) => t === P['main.menu']).length, 2);
  });
});

describe('empty and invalid input: three tries, never a loop', () => {
  it('main menu: three silences in working hours go to the operator queue', { timeout: 60_000 }, async () => {
    clock.set(OPEN);
    const r = await h.call(['1', '', '', '']);
    assert.equal(r.heard.filter((t) => t === P['common.no_input']).length, 2);
    assert.equal(r.outcome, 'enqueued:operators');
  });
  it('main menu: three wrong keys out of hours offer the callback, as a person would in hours', { timeout: 60_000 }, async () => {
    clock.set(CLOSED);
    try {
      const r = await h.call(['1', '7', '8', '5', '1', '2'], { from: '+79035550177' });
      assert.equal(r.heard.filter((t) => t === P['common.invalid']).length, 2);
      assert.ok(r.heard.includes(P['operator.closed']), 'not a bare goodbye');
      assert.deepEqual(r.heard.slice(-3), [P['callback.when'], P['callback.done'], P['common.goodbye']]);
      assert.equal(r.outcome, 'hangup');
      const task = (await h.ctx.repos.tasks.listOpen()).find((t) => t.call_sid === r.callSid);
      assert.equal(task?.kind, 'operator_callback');
      assert.equal(task?.callback_window, 'afternoon');
      assert.equal(task?.callback_phone, '+79035550177');
      // A secret keyed wrong three times at night ends the same way.
      const secret = await h.call(['1', '1', '7081396985#', '1', '1#', '1#', '1#', '1', 'h']);
      assert.ok(secret.heard.includes(P['operator.closed']));
      assert.ok(secret.heard.includes(P['callback.when']));
    } finally {
      clock.set(OPEN);
    }
  });
  it('a caller who presses nothing at the offer hears a goodbye, and no task is made', { timeout: 60_000 }, async () => {
    clock.set(CLOSED);
    try {
      const r = await h.call(['1', '7', '7', '7', '', '', '']);
      assert.equal(r.heard.at(-1), P['common.goodbye']);
      assert.equal(r.outcome, 'hangup');
      assert.equal((await h.ctx.repos.tasks.listOpen()).filter((t) => t.call_sid === r.callSid).length, 0);
    } finally {
      clock.set(OPEN);
    }
  });
  it('a mistyped reference is caught by its check digit and asked again; no read-back', { timeout: 60_000 }, async () => {
    const r = await h.call(['1', '1', '1234567890#', 'h']);
    assert.ok(r.heard.includes(P['reference.invalid']));
    assert.equal(r.heard.filter((t) => t === P['reference.enter']).length, 2);
    assert.ok(!r.heard.includes(P['reference.readback']));
  });
  it('far too many digits are clipped and re-asked, not a dropped call', { timeout: 60_000 }, async () => {
    const r = await h.call(['1', '1', `${'7'.repeat(300)}#`, 'h']);
    assert.ok(r.heard.includes(P['reference.invalid']));
    assert.equal(r.outcome, 'caller-hangup');
  });
  it(
    'a signed Digits=constructor or __proto__ at a menu is a wrong key: the menu is asked again, the call goes on',
    { timeout: 60_000 },
    async () => {
      const base = { AccountSid: h.ctx.config.twilio.accountSid, From: '+79035550404', To: '+380441230000', CallStatus: 'in-progress' };
      for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
        const CallSid = newCallSid();
        const first = await h.transport.post(`${h.baseUrl}/voice/incoming`, { ...base, CallSid });
        const main = await h.transport.post(`${h.baseUrl}/voice/step/1`, { ...base, CallSid, Digits: '1' });
        assert.ok(first.body.includes('<Gather') && main.body.includes(P['main.menu']));
        const r = await h.transport.post(`${h.baseUrl}/voice/step/2`, { ...base, CallSid, Digits: key });
        assert.equal(r.status, 200);
        assert.ok(r.body.includes(P['common.invalid']) && r.body.includes(P['main.menu']), `${key}: asked again, not ended`);
      }
    },
  );
  it('the read-back is digit by digit and 2 enters it again', { timeout: 60_000 }, async () => {
    const r = await h.call(['1', '1', '7081396985#', '2', 'h']);
    assert.ok(r.heard.includes('7, 0, 8, 1, 3, 9, 6, 9, 8, 5'));
    assert.equal(r.heard.at(-1), P['reference.enter']);
  });
});

describe('operator', () => {
  it('in hours: Enqueue into operators, the wait document says the position', { timeout: 60_000 }, async () => {
    clock.set(OPEN);
    const r = await h.call(['1', '0']);
    assert.ok(r.heard.includes(P['operator.connecting']));
    assert.ok(r.heard.some((t) => t.startsWith('Ваш номер в очереди: 1')));
    assert.ok(
      r.events.some((e) => e.kind === 'play'),
      'hold audio',
    );
    assert.equal(r.outcome, 'enqueued:operators');
  });
  it('out of hours: offers a callback and creates a task for it', { timeout: 60_000 }, async () => {
    clock.set(CLOSED);
    const r = await h.call(['1', '0', '1', '3'], { from: '+79035550101' });
    clock.set(OPEN);
    assert.ok(r.heard.includes(P['operator.closed']) && r.heard.includes(P['callback.when']) && r.heard.includes(P['callback.done']));
    const task = (await h.ctx.repos.tasks.listOpen()).find((t) => t.call_sid === r.callSid);
    assert.equal(task?.kind, 'operator_callback');
    assert.equal(task?.callback_phone, '+79035550101');
  });
});

describe('the estimated wait says its minutes with the right plural form, in every language', () => {
  // After a number Russian and Ukrainian take three forms: 1 and 21 one, 2 to 4 another, 5 to 20 (and 11) a third.
  const EXPECTED: Record<'ru' | 'uk' | 'en', Record<number, string>> = {
    ru: { 1: '1 минута', 2: '2 минуты', 5: '5 минут', 11: '11 минут', 21: '21 минута' },
    uk: { 1: '1 хвилина', 2: '2 хвилини', 5: '5 хвилин', 11: '11 хвилин', 21: '21 хвилина' },
    en: { 1: '1 minute.', 2: '2 minutes', 5: '5 minutes', 11: '11 minutes', 21: '21 minutes' },
  };
  for (const lang of ['ru', 'uk', 'en'] as const) {
    it(`${lang}: 1, 2, 5, 11 and 21 minutes`, { timeout: 60_000 }, async () => {
      for (const [n, words] of Object.entries(EXPECTED[lang])) {
        const r = await h.transport.post(`${h.baseUrl}/voice/queue-wait/${lang}`, {
          AccountSid: h.ctx.config.twilio.accountSid,
          CallSid: newCallSid(),
          QueueSid: `QU${'0'.repeat(32)}`,
          QueuePosition: '1',
          QueueTime: '0',
          AvgQueueTime: String(Number(n) * 60),
        });
        assert.equal(r.status, 200);
        assert.ok(r.body.includes(words), `${lang} ${n}: ${r.body}`);
      }
    });
  }
});

describe('enquiry about a missing relative (C-09)', () => {
  it('callback to the calling number, a recorded name and preferred hours', { timeout: 60_000 }, async () => {
    const r = await h.call(['1', '2', '1', 'rec:6', '3'], { from: '+79035550202' });
    assert.ok(r.heard.includes(P['enquiry.done']));
    const e = (await h.ctx.repos.enquiries.listOpen()).find((x) => x.call_sid === r.callSid);
    assert.equal(e?.callback_phone, '+79035550202');
    assert.equal(e?.preferred_hours, 'evening');
    assert.equal(e?.language, 'ru');
    assert.match(e?.recording_sid ?? '', /^RE[0-9a-f]{32}$/);
  });
  it('a keyed-in callback number, in English', { timeout: 60_000 }, async () => {
    const r = await h.call(['3', '2', '2', '380441234567#', 'rec:3', '1']);
    const e = (await h.ctx.repos.enquiries.listOpen()).find((x) => x.call_sid === r.callSid);
    assert.equal(e?.callback_phone, '+380441234567');
    assert.equal(e?.language, 'en');
    assert.equal(e?.preferred_hours, 'morning');
  });
});

describe('retries and callbacks (twilio-notes TW-12, TW-13)', () => {
  const base = () => ({ AccountSid: h.ctx.config.twilio.accountSid, From: '+79035550303', To: '+380441230000', CallStatus: 'in-progress' });
  /** Where Twilio would post the next key: the Gather's action, as a path. */
  const actionOf = (body: string) => {
    const m = /action="([^"]+)"/.exec(body);
    assert.ok(m, `no Gather action in ${body.slice(0, 200)}`);
    return m[1].slice(h.baseUrl.length);
  };
  const pathOf = async (CallSid: string) =>
    ((await h.ctx.repos.callLogs.find(CallSid))?.path as unknown as Array<{ step: string; input?: string; at?: string }> | undefined)?.map(
      (p) => `${p.step}:${p.input ?? ''}`,
    );

  it('a retried webhook gets the same answer and changes nothing twice', { timeout: 60_000 }, async () => {
    const CallSid = newCallSid();
    const first = await h.transport.post(`${h.baseUrl}/voice/incoming`, { ...base(), CallSid, StirVerstat: 'TN-Validation-Passed-A' });
    const again = await h.transport.post(`${h.baseUrl}/voice/incoming`, { ...base(), CallSid, StirVerstat: 'TN-Validation-Passed-A' });
    assert.equal(again.body, first.body, 'byte-identical');
    const step1 = actionOf(first.body);
    assert.equal(step1, '/voice/step/1', 'the URL carries the turn only, no query string');
    const a = await h.transport.post(`${h.baseUrl}${step1}`, { ...base(), CallSid, Digits: '1' });
    const b = await h.transport.post(`${h.baseUrl}${step1}`, { ...base(), CallSid, Digits: '1' });
    assert.equal(b.body, a.body);
    const step2 = actionOf(a.body);
    assert.equal(step2, '/voice/step/2');
    await h.transport.post(`${h.baseUrl}${step2}`, { ...base(), CallSid, Digits: '9' });
    await h.transport.post(`${h.baseUrl}${step2}`, { ...base(), CallSid, Digits: '9' });
    await h.transport.post(`${h.baseUrl}/voice/status`, {
      ...base(),
      CallSid,
      CallStatus: 'completed',
      SequenceNumber: '3',
      CallDuration: '20',
    });
    const log = await h.ctx.repos.callLogs.find(CallSid);
    assert.deepEqual(
      await pathOf(CallSid),
      ['language:1', 'greeting:', 'main:9'],
      'the trail of a call that hung up in the menus, each turn once',
    );
    assert.equal(log?.stir_verstat, 'TN-Validation-Passed-A');
    assert.equal(log?.final_status, 'completed');
    assert.equal(log?.outcome, null, 'the caller hung up in the menu');
    const ended = await h.ctx.redis.hgetall(`${h.ctx.config.redis.prefix}:voice:session:${CallSid}`);
    assert.deepEqual(
      Object.keys(ended).sort(),
      ['e', 's'],
      'after the final status: the state and the mark that the call is over, no stored answer',
    );
  });
  it('the language chosen in the menus is the language of the log of a call that hung up there', { timeout: 60_000 }, async () => {
    const CallSid = newCallSid();
    const first = await h.transport.post(`${h.baseUrl}/voice/incoming`, { ...base(), CallSid });
    await h.transport.post(`${h.baseUrl}${actionOf(first.body)}`, { ...base(), CallSid, Digits: '2' });
    await h.transport.post(`${h.baseUrl}/voice/status`, { ...base(), CallSid, CallStatus: 'completed', SequenceNumber: '2' });
    assert.equal((await h.ctx.repos.callLogs.find(CallSid))?.language, 'uk');
  });
  it(
    'a step URL of another turn gets the current prompt again; one of an unknown call, or not issued, gets the apology; neither changes anything',
    { timeout: 60_000 },
    async () => {
      const CallSid = newCallSid();
      const first = await h.transport.post(`${h.baseUrl}/voice/incoming`, { ...base(), CallSid });
      const key = `${h.ctx.config.redis.prefix}:voice:session:${CallSid}`;
      const stored = await h.ctx.redis.hgetall(key);
      for (const path of ['/voice/step/2', '/voice/step/99']) {
        const r = await h.transport.post(`${h.baseUrl}${path}`, { ...base(), CallSid, Digits: '1' });
        assert.equal(r.status, 200, path);
        assert.equal(r.body, first.body, `${path}: the prompt the call is waiting at`);
      }
      for (const path of [
        '/voice/step/0',
        '/voice/step/abc',
        '/voice/step/1.5',
        '/voice/step/1/extra',
        `/voice/step/1/${'A'.repeat(600)}`,
      ]) {
        const r = await h.transport.post(`${h.baseUrl}${path}`, { ...base(), CallSid, Digits: '1' });
        assert.ok(r.status < 500, path);
        assert.ok(r.body.includes('<Hangup/>') && !r.body.includes('<Gather'), `${path} ends the call politely`);
      }
      assert.deepEqual(await h.ctx.redis.hgetall(key), stored, 'nothing changed');
      const unknown = newCallSid();
      const r = await h.transport.post(`${h.baseUrl}/voice/step/1`, { ...base(), CallSid: unknown, Digits: '1' });
      assert.ok(r.body.includes('<Hangup/>') && !r.body.includes('<Gather'));
      assert.equal(await h.ctx.redis.exists(`${h.ctx.config.redis.prefix}:voice:session:${unknown}`), 0);
    },
  );
  it('simultaneous copies of the step that leaves the menus move the call once', { timeout: 60_000 }, async () => {
    const CallSid = newCallSid();
    const first = await h.transport.post(`${h.baseUrl}/voice/incoming`, { ...base(), CallSid });
    const main = await h.transport.post(`${h.baseUrl}${actionOf(first.body)}`, { ...base(), CallSid, Digits: '1' });
    const ref = await h.transport.post(`${h.baseUrl}${actionOf(main.body)}`, { ...base(), CallSid, Digits: '1' });
    assert.ok(ref.body.includes(P['reference.enter']));
    const reference = (await h.ctx.repos.detainees.create({ familyName: 'Retry', givenName: 'R', status: 'held', healthCategory: 'good' }))
      .reference;
    // The reference is keyed in: the read-back must not travel in a URL, so the call moves into Redis here.
    const replies = await Promise.all(
      Array.from({ length: 6 }, () => h.transport.post(`${h.baseUrl}${actionOf(ref.body)}`, { ...base(), CallSid, Digits: reference })),
    );
    assert.equal(new Set(replies.map((r) => r.body)).size, 1, 'every copy gets the same answer');
    assert.match(actionOf(replies[0].body), /^\/voice\/step\/4$/, 'no state in the URL once something was keyed in');
    assert.ok(!replies[0].body.includes(reference) && replies[0].body.includes(reference.split('').join(', ')), 'the read-back');
    await h.transport.post(`${h.baseUrl}/voice/status`, { ...base(), CallSid, CallStatus: 'completed', SequenceNumber: '2' });
    assert.deepEqual(await pathOf(CallSid), ['language:1', 'greeting:', 'main:1', 'reference:[digits]']);
  });
  it('operator hours are read once per turn: a retry across the hour gets the answer the caller heard', { timeout: 60_000 }, async () => {
    const toOperator = async (CallSid: string) => {
      const first = await h.transport.post(`${h.baseUrl}/voice/incoming`, { ...base(), CallSid });
      const main = await h.transport.post(`${h.baseUrl}${actionOf(first.body)}`, { ...base(), CallSid, Digits: '1' });
      return actionOf(main.body);
    };
    clock.set(CLOSED);
    try {
      const CallSid = newCallSid();
      const step2 = await toOperator(CallSid);
      const closed = await h.transport.post(`${h.baseUrl}${step2}`, { ...base(), CallSid, Digits: '0' });
      assert.ok(closed.body.includes(P['operator.closed']), 'the callback offer');
      assert.equal(actionOf(closed.body), '/voice/step/3');
      // The hour turns while Twilio retries: the retry still gets the answer the caller heard.
      clock.set(OPEN);
      const again = await h.transport.post(`${h.baseUrl}${step2}`, { ...base(), CallSid, Digits: '0' });
      assert.equal(again.body, closed.body, 'a retry gets the same answer, although operators are now at work');
      // Another call with the same menu state and key, in hours: nothing remembered from out of hours.
      const other = newCallSid();
      const open = await h.transport.post(`${h.baseUrl}${await toOperator(other)}`, { ...base(), CallSid: other, Digits: '0' });
      assert.ok(open.body.includes('<Enqueue') && !open.body.includes(P['operator.closed']), 'in hours the caller is queued');
      // 2 ends the call out of hours with a goodbye, and the log is written.
      clock.set(CLOSED);
      const bye = await h.transport.post(`${h.baseUrl}${actionOf(closed.body)}`, { ...base(), CallSid, Digits: '2' });
      assert.ok(bye.body.includes(P['common.goodbye']) && bye.body.includes('<Hangup/>'));
      const retried = await h.transport.post(`${h.baseUrl}${actionOf(closed.body)}`, { ...base(), CallSid, Digits: '2' });
      assert.equal(retried.body, bye.body, 'a retry of the last turn gets the stored answer');
      assert.deepEqual(await pathOf(CallSid), ['language:1', 'greeting:', 'main:0', 'operator:closed', 'operator_closed:2', 'goodbye:']);
      assert.equal((await h.ctx.repos.callLogs.find(CallSid))?.outcome, 'goodbye');
    } finally {
      clock.set(OPEN);
    }
  });
  it(
    'simultaneous copies of a turn that ends the call in the menus end it once, with the same answer and log',
    { timeout: 60_000 },
    async () => {
      clock.set(CLOSED);
      try {
        const CallSid = newCallSid();
        const first = await h.transport.post(`${h.baseUrl}/voice/incoming`, { ...base(), CallSid });
        let at = actionOf((await h.transport.post(`${h.baseUrl}${actionOf(first.body)}`, { ...base(), CallSid, Digits: '1' })).body);
        at = actionOf((await h.transport.post(`${h.baseUrl}${at}`, { ...base(), CallSid, Digits: '7' })).body);
        at = actionOf((await h.transport.post(`${h.baseUrl}${at}`, { ...base(), CallSid, Digits: '7' })).body);
        // The third wrong key: out of hours the caller is offered a callback; 2 ends the call with a goodbye.
        const offer = await h.transport.post(`${h.baseUrl}${at}`, { ...base(), CallSid, Digits: '7' });
        assert.ok(offer.body.includes(P['operator.closed']));
        at = actionOf(offer.body);
        const replies = await Promise.all(
          Array.from({ length: 6 }, () => h.transport.post(`${h.baseUrl}${at}`, { ...base(), CallSid, Digits: '2' })),
        );
        assert.equal(new Set(replies.map((r) => r.body)).size, 1, 'every copy gets the same answer');
        assert.ok(replies[0].body.includes(P['common.goodbye']) && replies[0].body.includes('<Hangup/>'));
        assert.deepEqual(await pathOf(CallSid), [
          'language:1',
          'greeting:',
          'main:7',
          'main:7',
          'main:7',
          'operator_or_goodbye:closed',
          'operator_closed:2',
          'goodbye:',
        ]);
        await h.transport.post(`${h.baseUrl}/voice/status`, { ...base(), CallSid, CallStatus: 'completed', SequenceNumber: '2' });
        const log = await h.ctx.repos.callLogs.find(CallSid);
        assert.equal(log?.final_status, 'completed');
        assert.equal(log?.outcome, 'goodbye');
      } finally {
        clock.set(OPEN);
      }
    },
  );
  it('two web instances sharing Redis can serve alternate steps of one call, retries included', { timeout: 60_000 }, async () => {
    // A second app over the same Redis and database.
    const other = http.createServer(createApp(h.ctx));
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    try {
      const viaOther = createSignedTransport({
        authToken: h.ctx.config.twilio.authToken,
        publicBaseUrl: h.baseUrl,
        targetBaseUrl: `http://127.0.0.1:${(other.address() as AddressInfo).port}`,
      });
      const CallSid = newCallSid();
      const send = (t: typeof viaOther, path: string, extra: Record<string, string> = {}) =>
        t.post(`${h.baseUrl}${path}`, { ...base(), CallSid, ...extra });
      const s0 = await send(h.transport, '/voice/incoming');
      const s1 = await send(viaOther, actionOf(s0.body), { Digits: '1' }); // the other: main menu
      const s2 = await send(h.transport, actionOf(s1.body), { Digits: '1' }); // this one: reference
      assert.equal((await send(viaOther, actionOf(s1.body), { Digits: '1' })).body, s2.body, 'a retry on the other instance');
      const reference = (await h.ctx.repos.detainees.create({ familyName: 'Two', givenName: 'I', status: 'held', healthCategory: 'good' }))
        .reference;
      const s3 = await send(viaOther, actionOf(s2.body), { Digits: reference }); // into Redis, on the other instance
      const s4 = await send(h.transport, actionOf(s3.body), { Digits: '2' }); // this one, from Redis: enter it again
      assert.ok(s1.body.includes(P['main.menu']) && s2.body.includes(P['reference.enter']) && s4.body.includes(P['reference.enter']));
      assert.equal((await send(viaOther, actionOf(s3.body), { Digits: '2' })).body, s4.body, 'a retry on the other instance');
      assert.equal(
        (await send(h.transport, actionOf(s2.body), { Digits: reference })).body,
        s4.body,
        'a stale step of a call in Redis gets the current prompt',
      );
      await send(viaOther, '/voice/status', { CallStatus: 'completed', SequenceNumber: '2' });
      assert.deepEqual(await pathOf(CallSid), ['language:1', 'greeting:', 'main:1', 'reference:[digits]', 'reference_confirm:2']);
    } finally {
      other.closeAllConnections();
      await new Promise<void>((r) => other.close(() => r()));
    }
  });
  it(
    'a webhook that comes after the final status brings nothing back into Redis; a retry or a menu step there runs nothing',
    { timeout: 60_000 },
    async () => {
      const CallSid = newCallSid();
      const key = `${h.ctx.config.redis.prefix}:voice:session:${CallSid}`;
      const send = (path: string, extra: Record<string, string> = {}) =>
        h.transport.post(`${h.baseUrl}${path}`, { ...base(), CallSid, ...extra });
      const reference = (await h.ctx.repos.detainees.create({ familyName: 'Late', givenName: 'I', status: 'held', healthCategory: 'good' }))
        .reference;
      const s0 = await send('/voice/incoming');
      const s1 = await send(actionOf(s0.body), { Digits: '1' });
      const s2 = await send(actionOf(s1.body), { Digits: '1' });
      const s3 = await send(actionOf(s2.body), { Digits: reference });
      assert.ok(s3.body.includes(P['reference.readback']));
      assert.ok((await h.ctx.redis.hget(key, 's'))?.includes(reference), 'the keyed-in reference is in Redis while the call lasts');
      await send('/voice/status', { CallStatus: 'completed', SequenceNumber: '3', CallDuration: '40' });
      const logged = await pathOf(CallSid);
      const ended = await h.ctx.redis.hgetall(key);
      // Twilio retries the reference step: the call is over and that turn is past, so the answer is a Hangup.
      const hangup = '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>';
      const retry = await send(actionOf(s2.body), { Digits: reference });
      assert.equal(retry.status, 200);
      assert.equal(retry.body, hangup);
      // The step the call was waiting for (keyed just before the hang-up) still moves the state on, once.
      await send(actionOf(s3.body), { Digits: '1' });
      assert.equal((await send(actionOf(s3.body), { Digits: '1' })).body, hangup, 'a retry of it runs nothing');
      const after = await h.ctx.redis.hgetall(key);
      assert.deepEqual(Object.keys(after).sort(), Object.keys(ended).sort(), 'no stored answer, no spoken variables');
      assert.ok(!Object.values(after).join().includes(reference));
      assert.ok((await h.ctx.redis.ttl(key)) <= 30 * 60, 'and not the live TTL');
      // Earlier steps of the call, replayed: they run nothing and add nothing to the log.
      assert.equal((await send(actionOf(s0.body), { Digits: '1' })).body, hangup);
      assert.equal((await send(actionOf(s1.body), { Digits: '2' })).body, hangup);
      await send('/voice/status', { CallStatus: 'completed', SequenceNumber: '3', CallDuration: '40' });
      assert.deepEqual(
        await pathOf(CallSid),
        [...logged!, 'reference_confirm:1'],
        'the log has the step that crossed the hang-up, once, and no replayed menu step',
      );
    },
  );
  it('a final status that comes after the session expired keeps the path the end of the flow wrote', { timeout: 60_000 }, async () => {
    clock.set(OPEN);
    const CallSid = newCallSid();
    const first = await h.transport.post(`${h.baseUrl}/voice/incoming`, { ...base(), CallSid });
    const main = await h.transport.post(`${h.baseUrl}${actionOf(first.body)}`, { ...base(), CallSid, Digits: '1' });
    const queued = await h.transport.post(`${h.baseUrl}${actionOf(main.body)}`, { ...base(), CallSid, Digits: '0' });
    assert.ok(queued.body.includes('<Enqueue'), 'in hours the operator step queues the caller, and the log is written then');
    const written = await pathOf(CallSid);
    assert.deepEqual(written, ['language:1', 'greeting:', 'main:0', 'operator:open'], 'the queue step is logged with its result');
    // A long wait in the queue outlives the session's TTL.
    await h.ctx.redis.del(`${h.ctx.config.redis.prefix}:voice:session:${CallSid}`);
    await h.transport.post(`${h.baseUrl}/voice/status`, {
      ...base(),
      CallSid,
      CallStatus: 'completed',
      SequenceNumber: '4',
      CallDuration: '900',
    });
    const log = await h.ctx.repos.callLogs.find(CallSid);
    assert.deepEqual(await pathOf(CallSid), written, 'the shorter trail did not replace the written path');
    assert.equal(log?.outcome, 'operator_queue');
    assert.equal(log?.final_status, 'completed');
    assert.equal(log?.duration_seconds, 900);
  });
  it('counters too large for the database are taken as absent, not as a failed callback', { timeout: 60_000 }, async () => {
    const CallSid = newCallSid();
    await h.transport.post(`${h.baseUrl}/voice/incoming`, { ...base(), CallSid });
    const r = await h.transport.post(`${h.baseUrl}/voice/status`, {
      ...base(),
      CallSid,
      CallStatus: 'completed',
      SequenceNumber: '99999999999',
      CallDuration: '1e12',
    });
    assert.equal(r.status, 200);
    const log = await h.ctx.repos.callLogs.find(CallSid);
    assert.equal(log?.final_status, 'completed');
    assert.equal(log?.last_sequence, 0);
    assert.equal(log?.duration_seconds, 1, 'parseInt reads "1e12" as 1');
  });
  it('status callbacks twice and out of order keep the final status', { timeout: 60_000 }, async () => {
    const r = { callSid: newCallSid() };
    await h.transport.post(`${h.baseUrl}/voice/incoming`, { ...base(), CallSid: r.callSid });
    const post = (CallStatus: string, SequenceNumber: string, extra: Record<string, string> = {}) =>
      h.transport.post(`${h.baseUrl}/voice/status`, { ...base(), CallSid: r.callSid, CallStatus, SequenceNumber, ...extra });
    await post('completed', '3', { CallDuration: '42' });
    await post('completed', '3', { CallDuration: '41' });
    await post('ringing', '1');
    await post('in-progress', '2');
    const log = await h.ctx.repos.callLogs.find(r.callSid);
    assert.equal(log?.final_status, 'completed');
    assert.equal(log?.duration_seconds, 42, 'a repeated callback changes nothing');
    assert.equal(log?.last_sequence, 3);
    // A later final status with a newer sequence does win (e.g. a corrected duration).
    await post('completed', '4', { CallDuration: '43' });
    assert.equal((await h.ctx.repos.callLogs.find(r.callSid))?.duration_seconds, 43);
  });
});
