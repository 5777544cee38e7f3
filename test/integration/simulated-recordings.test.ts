import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';
import { seedDetainee } from '../support/hotline-seed.js';
import { newCallSid } from '../support/voice-harness.js';
import { createTelephony } from '../../src/server/create-telephony.js';
import { runCall } from '../../src/telephony/simulated/twiml-executor.js';
import { scriptedParty } from '../../src/telephony/simulated/party.js';
import { createSignedTransport } from '../../src/telephony/simulated/signed-transport.js';
import { remoteRecorder } from '../../src/telephony/simulated/remote-recorder.js';
import { SimulatedCarrier } from '../../src/telephony/simulated/simulated-carrier.js';

// A trial without Twilio: kinline hosts the simulated carrier; a caller played as `kinline call` plays it
// leaves a message, and the console plays the recording the carrier made.
let f: ConsoleFixture;
useConsoleFixture({ prepare: (ctx) => void (ctx.telephony = createTelephony(ctx.config, 'web')) }, (fixture) => (f = fixture));

const isWav = (b: Buffer) => b.length > 44 && b.toString('ascii', 0, 4) === 'RIFF' && b.toString('ascii', 8, 12) === 'WAVE';

async function leaveMessage(seconds: number) {
  const s = await seedDetainee(f.ctx, { phone: '+79165550101' });
  const { accountSid, authToken } = f.ctx.config.twilio;
  const r = await runCall({
    url: `${f.url}/voice/incoming`,
    params: {
      CallSid: newCallSid(),
      AccountSid: accountSid,
      From: '+79165550101',
      To: f.ctx.config.twilio.hotlineNumber,
      Direction: 'inbound',
    },
    party: scriptedParty(['1', '1', `${s.reference}#`, '1', `${s.secret}#`, '2', `rec:${seconds}`, 'h']),
    transport: createSignedTransport({ authToken, targetBaseUrl: f.url }),
    statusCallback: `${f.url}/voice/status`,
    record: remoteRecorder({ serverUrl: f.url, accountSid, authToken }),
  });
  const [message] = await f.ctx.repos.messages.listByDetainee(s.detainee.id);
  assert.ok(message, `a message was saved (outcome ${r.outcome})`);
  return message;
}

test('a message recorded on the simulated carrier plays in the console and the API, audited', { timeout: 90_000 }, async () => {
  const m = await leaveMessage(3);
  assert.ok(m.recording_url?.startsWith(`${f.url}/simulated-carrier/2010-04-01/Accounts/`), String(m.recording_url));

  const api = await fetch(`${f.url}/api/messages/${m.id}/recording`, { headers: { authorization: `Bearer ${f.staff.operator.token}` } });
  assert.equal(api.status, 200);
  assert.equal(api.headers.get('content-type'), 'audio/wav');
  const fromApi = Buffer.from(await api.arrayBuffer());
  assert.ok(isWav(fromApi), 'a RIFF/WAVE file');
  assert.equal(fromApi.readUInt32LE(24), 8000, '8 kHz');
  assert.equal(fromApi.readUInt32LE(40), 3 * 8000, 'three seconds of samples, as recorded');

  const s = await f.session(f.staff.supervisor.userId);
  const page = await fetch(`${f.url}/console/messages/${m.id}/recording`, { headers: { cookie: s.cookie } });
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('cache-control'), 'no-store');
  assert.deepEqual(Buffer.from(await page.arrayBuffer()), fromApi);

  const plays = (await f.ctx.repos.audit.list({ limit: 50 })).filter((e) => e.action === 'message.play');
  assert.deepEqual(plays.map((e) => e.actor).sort(), ['test-operator', 'test-supervisor']);

  // Another message gets its own recording, made when it was recorded.
  const other = await leaveMessage(1);
  assert.notEqual(other.recording_url, m.recording_url);
  const second = await fetch(`${f.url}/api/messages/${other.id}/recording`, {
    headers: { authorization: `Bearer ${f.staff.operator.token}` },
  });
  assert.equal(Buffer.from(await second.arrayBuffer()).readUInt32LE(40), 8000);

  // A worker process reaches the same recordings through the carrier's REST API, with the account's credentials.
  const remote = await createTelephony(f.ctx.config, 'worker').fetchRecording(m.recording_url!);
  assert.deepEqual(Buffer.from(remote.body), fromApi);
  const anonymous = await fetch(m.recording_url!);
  assert.equal(anonymous.status, 401, 'the media is not public');
});

test('without Twilio credentials no recording is fetched from api.twilio.com', { timeout: 60_000 }, async () => {
  assert.ok(f.ctx.telephony instanceof SimulatedCarrier);
  const d = await seedDetainee(f.ctx, { phone: '+79165550199' });
  const m = await f.ctx.repos.messages.create({
    detaineeId: d.detainee.id,
    direction: 'to_detainee',
    recordingSid: 'RE0123',
    recordingUrl: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE0123',
  });
  const fetched: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (input: Parameters<typeof fetch>[0], init?: RequestInit) => {
    fetched.push(String(input instanceof Request ? input.url : input));
    return realFetch(input, init);
  }) as typeof fetch;
  try {
    const res = await realFetch(`${f.url}/api/messages/${m.id}/recording`, { headers: { authorization: `Bearer ${f.staff.admin.token}` } });
    assert.equal(res.status, 404);
    assert.equal((await res.json()).error, 'recording_unavailable');
  } finally {
    globalThis.fetch = realFetch;
  }
  assert.deepEqual(
    fetched.filter((u) => u.includes('twilio.com')),
    [],
  );
});

test(
  'the name recorded for an enquiry on the simulated carrier plays in the console and the API, audited',
  { timeout: 90_000 },
  async () => {
    const { accountSid, authToken } = f.ctx.config.twilio;
    const callSid = newCallSid();
    await runCall({
      url: `${f.url}/voice/incoming`,
      params: {
        CallSid: callSid,
        AccountSid: accountSid,
        From: '+79165550202',
        To: f.ctx.config.twilio.hotlineNumber,
        Direction: 'inbound',
      },
      // Russian, enquiry, call back this number, the name (two seconds), mornings.
      party: scriptedParty(['1', '2', '1', 'rec:2', '1', 'h']),
      transport: createSignedTransport({ authToken, targetBaseUrl: f.url }),
      statusCallback: `${f.url}/voice/status`,
      record: remoteRecorder({ serverUrl: f.url, accountSid, authToken }),
    });
    const enquiry = (await f.ctx.repos.enquiries.listOpen(50)).find((e) => e.call_sid === callSid);
    assert.ok(enquiry?.recording_sid, 'the enquiry keeps the recording SID');

    const api = await fetch(`${f.url}/api/enquiries/${enquiry.id}/recording`, {
      headers: { authorization: `Bearer ${f.staff.operator.token}` },
    });
    assert.equal(api.status, 200);
    const wav = Buffer.from(await api.arrayBuffer());
    assert.ok(isWav(wav));
    assert.equal(wav.readUInt32LE(40), 2 * 8000, 'two seconds, as recorded');

    const s = await f.session(f.staff.supervisor.userId);
    const page = await fetch(`${f.url}/console/enquiries`, { headers: { cookie: s.cookie } });
    assert.match(await page.text(), new RegExp(`src="/console/enquiries/${enquiry.id}/recording"`));
    const played = await fetch(`${f.url}/console/enquiries/${enquiry.id}/recording`, { headers: { cookie: s.cookie } });
    assert.deepEqual(Buffer.from(await played.arrayBuffer()), wav);

    const plays = (await f.ctx.repos.audit.list({ limit: 100 })).filter(
      (e) => e.action === 'enquiry.play' && e.subject_id === String(enquiry.id),
    );
    assert.equal(plays.length, 2);

    const other = await f.ctx.repos.enquiries.create({
      callSid: newCallSid(),
      callbackPhone: '+79165550303',
      language: 'ru',
      preferredHours: null,
      recordingSid: null,
    });
    const none = await fetch(`${f.url}/api/enquiries/${other.id}/recording`, {
      headers: { authorization: `Bearer ${f.staff.operator.token}` },
    });
    assert.equal(none.status, 404);
  },
);
