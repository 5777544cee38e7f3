import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCall } from '../../src/telephony/simulated/twiml-executor.js';
import { scriptedParty } from '../../src/telephony/simulated/party.js';
import type { Transport } from '../../src/telephony/simulated/signed-transport.js';

const BASE = 'https://app.example.org';
const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;

/** An in-memory application: path -> handler returning TwiML; records every request. */
function fakeApp(routes: Record<string, (p: Record<string, string>) => string | { status: number; body: string }>) {
  const log: Array<{ path: string; params: Record<string, string> }> = [];
  const transport: Transport = {
    async post(url, params) {
      const path = new URL(url).pathname;
      log.push({ path, params });
      const h = routes[path];
      const out = h ? h(params) : { status: 404, body: 'no' };
      return typeof out === 'string' ? { status: 200, body: out, contentType: 'text/xml' } : { ...out, contentType: 'text/xml' };
    },
  };
  return { transport, log };
}

const params = { CallSid: `CA${'0'.repeat(32)}`, AccountSid: `AC${'0'.repeat(32)}`, From: '+79160000000' };

describe('TwiML executor (the simulated carrier)', () => {
  it('follows Gather actions, strips the finish key, and falls through to the Redirect on no input', { timeout: 30_000 }, async () => {
    const app = fakeApp({
      '/start': () =>
        doc(`<Gather action="/menu" finishOnKey="#"><Say language="ru-RU">Введите</Say></Gather><Redirect method="POST">/empty</Redirect>`),
      '/empty': () => doc(`<Gather action="/menu" numDigits="1"><Say>Again</Say></Gather>`),
      '/menu': (p) => doc(`<Say>got ${p.Digits}</Say><Hangup/>`),
    });
    const r = await runCall({ url: `${BASE}/start`, params, party: scriptedParty(['', '12']), transport: app.transport });
    assert.deepEqual(r.heard, ['Введите', 'Again', 'got 1']);
    assert.equal(r.outcome, 'hangup');
    assert.deepEqual(
      app.log.map((l) => l.path),
      ['/start', '/empty', '/menu'],
    );
    assert.equal(app.log[1].params.Digits, undefined);
    const r2 = await runCall({ url: `${BASE}/start`, params, party: scriptedParty(['1234#']), transport: app.transport });
    assert.deepEqual(r2.heard.at(-1), 'got 1234');
    const direct = await runCall({
      url: `${BASE}/start`,
      twiml: doc('<Say>hi</Say><Redirect>/menu</Redirect>'),
      params,
      party: scriptedParty([]),
      transport: app.transport,
    });
    assert.deepEqual(direct.heard, ['hi', 'got undefined']);
  });
  it('records: posts the recording status callback and the action with the recording', { timeout: 30_000 }, async () => {
    const app = fakeApp({
      '/start': () => doc(`<Say>Speak</Say><Record action="/saved" maxLength="10" recordingStatusCallback="/rec"/><Say>nothing</Say>`),
      '/saved': (p) => doc(`<Say>${p.RecordingDuration}s</Say>`),
      '/rec': () => doc(''),
    });
    const r = await runCall({ url: `${BASE}/start`, params, party: scriptedParty(['rec:30']), transport: app.transport });
    assert.deepEqual(r.heard, ['Speak', '10s']);
    assert.equal(r.outcome, 'end-of-document');
    const rec = app.log.find((l) => l.path === '/rec')!;
    assert.equal(rec.params.RecordingStatus, 'completed');
    assert.equal(rec.params.RecordingSid, app.log.find((l) => l.path === '/saved')!.params.RecordingSid);
    const silent = await runCall({ url: `${BASE}/start`, params, party: scriptedParty(['']), transport: app.transport });
    assert.deepEqual(silent.heard, ['Speak', 'nothing'], 'no recording: the next verb runs');
  });
  it('Enqueue fetches the wait document with a queue position; Dial reports to its action', { timeout: 30_000 }, async () => {
    const app = fakeApp({
      '/q': () => doc(`<Enqueue waitUrl="/wait">operators</Enqueue>`),
      '/wait': (p) => doc(`<Say>position ${p.QueuePosition}</Say><Play>https://x/music.mp3</Play>`),
      '/d': () => doc(`<Dial action="/after"><Conference>room-1</Conference></Dial>`),
      '/after': (p) => doc(`<Say>${p.DialCallStatus}</Say>`),
    });
    const q = await runCall({ url: `${BASE}/q`, params, party: scriptedParty([]), transport: app.transport });
    assert.deepEqual(q.heard, ['position 1']);
    assert.equal(q.outcome, 'enqueued:operators');
    const d = await runCall({ url: `${BASE}/d`, params, party: scriptedParty([]), transport: app.transport, dial: () => 'busy' });
    assert.deepEqual(d.heard, ['busy']);
    assert.ok(d.events.some((e) => e.kind === 'dial' && e.target === 'Conference:room-1'));
  });
  it(
    'hands <Enqueue> to the carrier hook (action next, or the next verb), passes Dial action parameters, and obeys <Leave> only in a queue',
    { timeout: 30_000 },
    async () => {
      const app = fakeApp({
        '/q': () => doc(`<Enqueue action="/left" waitUrl="/wait">desk</Enqueue><Say>never</Say>`),
        '/q2': () => doc(`<Enqueue>desk</Enqueue><Say>next verb</Say><Leave/><Say>still here</Say>`),
        '/left': (p) => doc(`<Say>${p.QueueResult}</Say>`),
        '/d': () => doc(`<Dial action="/after"><Queue>desk</Queue></Dial>`),
        '/after': (p) => doc(`<Say>${p.DialCallStatus} ${p.DialCallSid} ${p.QueueSid}</Say>`),
      });
      const seen: string[] = [];
      const enqueue = async (v: { text: string; attrs: Record<string, string> }, resolve: (u: string | undefined) => string) => {
        seen.push(`${v.text} ${resolve(v.attrs.waitUrl)}`);
        return v.attrs.action ? { url: resolve(v.attrs.action), extra: { QueueResult: 'leave' } } : undefined;
      };
      const q = await runCall({ url: `${BASE}/q`, params, party: scriptedParty([]), transport: app.transport, enqueue });
      assert.deepEqual(q.heard, ['leave']);
      assert.deepEqual(seen, [`desk ${BASE}/wait`]);
      const q2 = await runCall({ url: `${BASE}/q2`, params, party: scriptedParty([]), transport: app.transport, enqueue });
      assert.deepEqual(q2.heard, ['next verb', 'still here'], 'without action the call goes on; <Leave> outside a queue is ignored');
      const left = await runCall({
        url: `${BASE}/q2`,
        twiml: doc('<Say>a</Say><Leave/><Say>b</Say>'),
        params,
        party: scriptedParty([]),
        transport: app.transport,
        inQueue: true,
      });
      assert.equal(left.outcome, 'leave');
      assert.deepEqual(left.heard, ['a']);
      const d = await runCall({
        url: `${BASE}/d`,
        params,
        party: scriptedParty([]),
        transport: app.transport,
        dial: () => ({ status: 'completed', extra: { DialCallSid: 'CA1', QueueSid: 'QU1' } }),
      });
      assert.deepEqual(d.heard, ['completed CA1 QU1']);
    },
  );
  it('ends on hang-up, HTTP errors, invalid TwiML and endless redirects, and posts the status callback', { timeout: 30_000 }, async () => {
    const app = fakeApp({
      '/g': () => doc(`<Gather action="/g"><Say>x</Say></Gather>`),
      '/bad': () => '<Response><Say>unclosed</Response>',
      '/loop': () => doc(`<Redirect>/loop</Redirect>`),
      '/status': () => doc(''),
    });
    assert.equal(
      (await runCall({ url: `${BASE}/g`, params, party: scriptedParty(['h']), transport: app.transport })).outcome,
      'caller-hangup',
    );
    assert.equal(
      (await runCall({ url: `${BASE}/missing`, params, party: scriptedParty([]), transport: app.transport })).outcome,
      'http-404',
    );
    assert.match(
      (await runCall({ url: `${BASE}/bad`, params, party: scriptedParty([]), transport: app.transport })).outcome,
      /^invalid-twiml/,
    );
    const loop = await runCall({
      url: `${BASE}/loop`,
      params,
      party: scriptedParty([]),
      transport: app.transport,
      maxRequests: 5,
      statusCallback: `${BASE}/status`,
    });
    assert.equal(loop.outcome, 'too-many-requests');
    assert.equal(app.log.at(-1)?.params.CallStatus, 'completed');
  });
});
