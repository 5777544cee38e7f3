import { describe, it, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { SimulatedCarrier, type SimulatedCarrierOptions } from '../../src/telephony/simulated/simulated-carrier.js';
import { simulatedCarrierServer } from '../../src/telephony/simulated/simulated-carrier-server.js';
import { signTwilioRequest } from '../../src/telephony/twilio/signature.js';
import { waitFor } from '../support/wait-for.js';
import { checkResponseAgainstSpec } from '../support/twilio-spec-check.js';
import { scriptRemoteOperator, watchRemoteOperator } from '../../src/telephony/simulated/remote-operator.js';
import { SIMULATED_CARRIER_PATH } from '../../src/telephony/simulated/simulated-recordings.js';
import type { SimEvent } from '../../src/telephony/simulated/party-script.js';

const SID = `AC${'a'.repeat(32)}`;
const TOKEN = 'queue-test-token';
const HOTLINE = '+380440000000';
const doc = (body: string) => `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;

interface Hit {
  path: string;
  params: Record<string, string>;
}

/** A tiny TwiML application that checks Twilio's signature on every request and logs it. */
async function startApp(routes: Record<string, (p: Record<string, string>) => string>) {
  const hits: Hit[] = [];
  const app = express();
  app.use(express.urlencoded({ extended: false }));
  const server = http.createServer(app);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app.post('/{*path}', (req, res) => {
    const params = req.body as Record<string, string>;
    if (req.headers['x-twilio-signature'] !== signTwilioRequest(TOKEN, `${base}${req.originalUrl}`, params))
      return void res.status(403).send('bad signature');
    hits.push({ path: req.path, params });
    const route = routes[req.path];
    res.type('text/xml').send(route ? route(params) : doc(''));
  });
  return { base, hits, close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))) };
}

const carriers: SimulatedCarrier[] = [];
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const c of carriers.splice(0)) c.shutdown();
  for (const close of closers.splice(0)) await close();
});

async function setup(routes: Record<string, (p: Record<string, string>) => string>, options: Partial<SimulatedCarrierOptions> = {}) {
  const app = await startApp({
    '/voice': () => doc('<Enqueue action="/after" waitUrl="/wait">desk</Enqueue>'),
    '/wait': (p) => doc(`<Say>number ${p.QueuePosition} of ${p.CurrentQueueSize}</Say><Pause length="2"/>`),
    '/after': (p) => doc(`<Say>after ${p.QueueResult}</Say><Hangup/>`),
    '/operator': () => doc('<Dial action="/dialled" timeout="3"><Queue url="/whisper">desk</Queue></Dial>'),
    '/whisper': () => doc('<Say>connecting you</Say><Gather/>'),
    '/dialled': () => doc('<Hangup/>'),
    ...routes,
  });
  closers.push(app.close);
  const carrier = new SimulatedCarrier({ accountSid: SID, authToken: TOKEN, ringMs: 10, amdMs: 10, pauseUnitMs: 50, ...options });
  carriers.push(carrier);
  const caller = (from: string, script?: Parameters<SimulatedCarrier['inboundCall']>[0]['script']) =>
    carrier.inboundCall({ from, to: HOTLINE, url: `${app.base}/voice`, script }).sid;
  const operator = async (phone: string) => (await carrier.createCall({ to: phone, from: HOTLINE, url: `${app.base}/operator` })).sid;
  const hitsOf = (path: string, callSid?: string) => app.hits.filter((h) => h.path === path && (!callSid || h.params.CallSid === callSid));
  const saidTo = (callSid: string) => carrier.log.filter((e) => e.callSid === callSid && e.kind === 'say').map((e) => e.text);
  return { app, carrier, caller, operator, hitsOf, saidTo };
}

describe('simulated carrier: Twilio queues', () => {
  it(
    'two callers wait in order; operators dequeue the longest waiter first, whisper, bridge, and report',
    { timeout: 30_000 },
    async () => {
      const t = await setup({});
      const a = t.caller('+15550000001');
      await waitFor('A waits a while', async () => t.hitsOf('/wait', a).find((h) => Number(h.params.QueueTime) >= 2));
      const b = t.caller('+15550000002');
      const bWait = await waitFor('B waits', async () => t.hitsOf('/wait', b)[0]);
      assert.equal(bWait.params.QueuePosition, '2');
      assert.equal(bWait.params.CurrentQueueSize, '2');
      assert.match(bWait.params.QueueSid, /^QU[0-9a-f]{32}$/);
      const aWaits = t.hitsOf('/wait', a);
      assert.ok(aWaits.length >= 2, 'the wait document is fetched again and again');
      const times = aWaits.map((h) => Number(h.params.QueueTime));
      assert.deepEqual(
        times,
        [...times].sort((x, y) => x - y),
        'QueueTime never goes back',
      );
      assert.ok(aWaits.every((h) => h.params.QueuePosition === '1' && h.params.AvgQueueTime === '0'));
      await waitFor('A hears it is second of two', async () => t.hitsOf('/wait', a).find((h) => h.params.CurrentQueueSize === '2'));

      t.carrier.script('+380500000001', { answer: 'answer', hangupAfterJoinMs: 200 });
      const op1 = await t.operator('+380500000001');
      const whisper = await waitFor('the whisper', async () => t.hitsOf('/whisper')[0]);
      assert.equal(whisper.params.CallSid, a, 'the longest waiter is taken first');
      assert.equal(whisper.params.DequeingCallSid, op1);
      assert.equal(whisper.params.QueueSid, bWait.params.QueueSid);
      const aAfter = await waitFor('A’s Enqueue action', async () => t.hitsOf('/after', a)[0]);
      assert.equal(aAfter.params.QueueResult, 'bridged');
      assert.equal(aAfter.params.QueueSid, bWait.params.QueueSid);
      assert.ok(Number(aAfter.params.QueueTime) >= 2);
      const dialled = await waitFor('the operator’s Dial action', async () => t.hitsOf('/dialled', op1)[0]);
      assert.equal(dialled.params.DialCallStatus, 'completed');
      assert.equal(dialled.params.DialCallSid, a);
      assert.equal(dialled.params.QueueSid, bWait.params.QueueSid);
      assert.ok(Number(dialled.params.DialCallDuration) >= 3, 'bridged for the scripted talk time');
      await waitFor('A hears the action’s TwiML (the operator hung up first)', async () => t.saidTo(a).includes('after bridged'));
      assert.ok(t.saidTo(a).includes('connecting you'), 'the whisper plays on the dequeued caller');
      assert.ok(!t.saidTo(op1).includes('connecting you'));
      assert.ok(
        t.carrier.log.some((e) => e.callSid === a && e.kind === 'unsupported' && e.text === 'Gather'),
        'whisper: Play Say Pause Redirect only',
      );

      t.carrier.script('+380500000002', { answer: 'answer', hangupAfterJoinMs: 100 });
      const op2 = await t.operator('+380500000002');
      const second = await waitFor('the second whisper', async () => t.hitsOf('/whisper')[1]);
      assert.equal(second.params.CallSid, b);
      assert.equal(second.params.DequeingCallSid, op2);
      await waitFor('B bridged', async () => t.hitsOf('/after', b).find((h) => h.params.QueueResult === 'bridged'));
      assert.equal(t.carrier.queues.find('desk')!.members.length, 0);
    },
  );

  it('a wait document of hold music alone is fetched again only after holdMusicSeconds', { timeout: 30_000 }, async () => {
    const hold = { '/wait': () => doc('<Play>https://example.invalid/hold.mp3</Play>') };
    const long = await setup(hold, { holdMusicSeconds: 1000 }); // 50 s of music at 50 ms a second
    const a = long.caller('+15550000011');
    await waitFor('A’s first wait document', async () => long.hitsOf('/wait', a)[0]);
    const short = await setup(hold); // the default: one carrier second
    const b = short.caller('+15550000012');
    await waitFor('B’s wait document three times', async () => short.hitsOf('/wait', b).length >= 3);
    assert.equal(long.hitsOf('/wait', a).length, 1, 'A still hears the music of its first document');
  });

  it('a caller who hangs up while waiting leaves with QueueResult hangup; nobody is bridged', { timeout: 30_000 }, async () => {
    const t = await setup({});
    const a = t.caller('+15550000003', { answer: 'answer', hangupAfterMs: 300 });
    const after = await waitFor('the Enqueue action', async () => t.hitsOf('/after', a)[0]);
    assert.equal(after.params.QueueResult, 'hangup');
    assert.equal(after.params.CallStatus, 'completed');
    assert.ok(!t.saidTo(a).includes('after hangup'), 'the action’s answer is ignored');
    assert.equal(t.carrier.queues.find('desk')!.members.length, 0);
    const op = await t.operator('+380500000003');
    const dialled = await waitFor('the Dial action on an empty queue', async () => t.hitsOf('/dialled', op)[0]);
    assert.equal(dialled.params.DialCallStatus, 'no-answer', 'an empty queue waits the Dial timeout, then no-answer');
    assert.equal(t.hitsOf('/whisper').length, 0);
  });

  it('a Gather in the wait document: its action runs on the waiting caller, and <Leave/> ends the wait', { timeout: 30_000 }, async () => {
    const t = await setup({
      '/wait': () => doc('<Gather action="/key" numDigits="1" timeout="2"><Say>press 1 for a callback</Say></Gather>'),
      '/key': (p) => doc(p.Digits === '1' ? '<Say>we will call you</Say><Leave/>' : '<Say>keep waiting</Say>'),
      '/after': (p) => doc(`<Say>after ${p.QueueResult}</Say><Say>goodbye</Say><Hangup/>`),
    });
    const a = t.caller('+15550000004', { answer: 'answer', digits: ['', '1'] });
    const after = await waitFor('the Enqueue action', async () => t.hitsOf('/after', a)[0]);
    assert.equal(after.params.QueueResult, 'leave');
    assert.ok(t.hitsOf('/key', a)[0].params.QueueSid, 'requests while waiting carry the queue');
    await waitFor('the action’s TwiML runs', async () => t.saidTo(a).includes('goodbye'));
    assert.deepEqual(t.saidTo(a).slice(0, 3), ['press 1 for a callback', 'press 1 for a callback', 'we will call you']);
  });

  it('Dial Queue on a queue that never existed fails at once', { timeout: 30_000 }, async () => {
    const t = await setup({});
    const op = await t.operator('+380500000004');
    const dialled = await waitFor('the Dial action', async () => t.hitsOf('/dialled', op)[0]);
    assert.equal(dialled.params.DialCallStatus, 'failed');
  });

  it(
    'REST: Queues and Members as Twilio lists them; an update with Twiml takes a caller out (redirected)',
    { timeout: 30_000 },
    async () => {
      const t = await setup({});
      const rest = simulatedCarrierServer(t.carrier);
      const server = http.createServer(rest);
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      closers.push(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
      const api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/2010-04-01/Accounts/${SID}`;
      const auth = { authorization: `Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}` };
      const a = t.caller('+15550000005');
      const b = t.caller('+15550000006');
      await waitFor('both wait', async () => t.hitsOf('/wait', b)[0] && t.hitsOf('/wait', a)[0]);
      const queues = await (await fetch(`${api}/Queues.json`, { headers: auth })).json();
      assert.deepEqual(checkResponseAgainstSpec('get', '/Queues.json', queues), []);
      assert.equal(queues.queues[0].friendly_name, 'desk');
      assert.equal(queues.queues[0].current_size, 2);
      assert.equal(queues.queues[0].max_size, 1000);
      const qs = queues.queues[0].sid as string;
      const members = await (await fetch(`${api}/Queues/${qs}/Members.json`, { headers: auth })).json();
      assert.deepEqual(checkResponseAgainstSpec('get', '/Queues/QU/Members.json', members), []);
      assert.deepEqual(
        members.queue_members.map((m: { call_sid: string; position: number }) => [m.call_sid, m.position]),
        [
          [a, 1],
          [b, 2],
        ],
      );
      assert.equal((await fetch(`${api}/Queues/QU${'0'.repeat(32)}/Members.json`, { headers: auth })).status, 404);
      const moved = await fetch(`${api}/Calls/${a}.json`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ Twiml: doc('<Say>moved out</Say><Hangup/>') }).toString(),
      });
      assert.equal(moved.status, 200);
      const after = await waitFor('the Enqueue action', async () => t.hitsOf('/after', a)[0]);
      assert.equal(after.params.QueueResult, 'redirected');
      await waitFor('the new TwiML runs', async () => t.saidTo(a).includes('moved out'));
      assert.ok(!t.saidTo(a).includes('after redirected'));
      const left = await (await fetch(`${api}/Queues/${qs}/Members.json`, { headers: auth })).json();
      assert.deepEqual(
        left.queue_members.map((m: { call_sid: string; position: number }) => [m.call_sid, m.position]),
        [[b, 1]],
      );
    },
  );

  it('a no-answer operator rings, is reported no-answer, and the caller keeps its place', { timeout: 30_000 }, async () => {
    const t = await setup({});
    const a = t.caller('+15550000007');
    await waitFor('A waits', async () => t.hitsOf('/wait', a)[0]);
    t.carrier.script('+380500000005', { answer: 'no-answer', ringMs: 300 });
    const op = await t.operator('+380500000005');
    await waitFor('the operator call ends', async () => t.carrier.calls.get(op)!.ended);
    const statuses = t.carrier.log.filter((e) => e.callSid === op && e.kind === 'status').map((e) => e.text);
    assert.deepEqual(statuses, ['initiated', 'ringing', 'no-answer']);
    const ringing = t.carrier.log.find((e) => e.callSid === op && e.text === 'ringing')!;
    const ended = t.carrier.log.find((e) => e.callSid === op && e.text === 'no-answer')!;
    assert.ok(Date.parse(ended.at) - Date.parse(ringing.at) >= 250, 'it rang for the scripted time');
    assert.deepEqual(
      t.carrier.queues.find('desk')!.members.map((m) => m.callSid),
      [a],
    );
    assert.equal(t.hitsOf('/whisper').length, 0);
  });

  it('simulated-only routes: a hosted carrier scripts an operator by number and reports what it heard', { timeout: 30_000 }, async () => {
    const t = await setup({});
    const host = express();
    host.use(SIMULATED_CARRIER_PATH, simulatedCarrierServer(t.carrier));
    const server = http.createServer(host);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))));
    const remote = {
      serverUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      accountSid: SID,
      authToken: TOKEN,
      phone: '+380500000009',
    };
    await assert.rejects(scriptRemoteOperator(remote, { answer: 'maybe', digits: [] }), /Answer must be one of/);
    await scriptRemoteOperator(remote, { answer: 'answer', digits: ['1'], talkMs: 150 });
    const a = t.caller('+15550000008');
    await waitFor('A waits', async () => t.hitsOf('/wait', a)[0]);
    const heard: SimEvent[] = [];
    const watching = watchRemoteOperator(remote, (e) => heard.push(e), 10_000);
    const op = await t.operator('+380500000009');
    assert.equal(await watching, true);
    assert.ok(heard.some((e) => e.callSid === op && e.kind === 'queue_bridged'));
    assert.deepEqual(
      heard.filter((e) => e.kind === 'status').map((e) => e.text),
      ['initiated', 'ringing', 'in-progress', 'completed'],
    );
    await waitFor('A bridged', async () => t.hitsOf('/after', a).find((h) => h.params.QueueResult === 'bridged'));
    assert.equal(await watchRemoteOperator({ ...remote, phone: '+380500000010' }, () => undefined, 100), false, 'nobody rang');
  });
});
