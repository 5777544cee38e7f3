import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { XMLValidator } from 'fast-xml-parser';
import { startVoiceHarness, newCallSid, type VoiceHarness } from '../support/voice-harness.js';
import { signTwilioRequest } from '../../src/telephony/twilio/signature.js';
import { APOLOGY_TWIML } from '../../src/telephony/twilio/render-twiml.js';

let h: VoiceHarness;
before(
  async () => {
    h = await startVoiceHarness();
  },
  { timeout: 120_000 },
);
after(() => h.close(), { timeout: 60_000 });

type Params = Record<string, string | string[]>;
const encode = (p: Params) => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(p)) for (const x of Array.isArray(v) ? v : [v]) u.append(k, x);
  return u.toString();
};

/** A raw POST: `signUrl`/`token` let a test sign something other than what it sends. */
async function post(
  path: string,
  params: Params,
  o: { signUrl?: string; token?: string; signature?: string | null; host?: string; rawBody?: string } = {},
) {
  const signature =
    o.signature === undefined
      ? signTwilioRequest(o.token ?? h.ctx.config.twilio.authToken, o.signUrl ?? `${h.baseUrl}${path}`, params)
      : o.signature;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (signature !== null) headers['x-twilio-signature'] = signature;
  if (o.host) headers.host = o.host;
  const res = await fetch(`${h.baseUrl}${path}`, { method: 'POST', headers, body: o.rawBody ?? encode(params) });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: await res.text() };
}

const callParams = () => ({
  CallSid: newCallSid(),
  AccountSid: h.ctx.config.twilio.accountSid,
  From: '+79161234567',
  To: '+15005550006',
  CallStatus: 'ringing',
});
const isTwiml = (r: { type: string; body: string }) =>
  r.type.startsWith('text/xml') && XMLValidator.validate(r.body) === true && r.body.includes('<Response');

describe('X-Twilio-Signature (twilio-notes TW-01, TW-05, TW-06)', () => {
  it('a correct signature is accepted', { timeout: 60_000 }, async () => {
    const r = await post('/voice/incoming', callParams());
    assert.equal(r.status, 200);
    assert.ok(isTwiml(r) && r.body.includes('<Gather'));
  });
  it('a missing, forged or tampered signature gets 403 with TwiML, never the flow', { timeout: 60_000 }, async () => {
    const p = callParams();
    const cases = [
      await post('/voice/incoming', p, { signature: null }),
      await post('/voice/incoming', p, { token: 'not-the-token' }),
      await post('/voice/incoming', p, { signature: 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=' }),
      await post(
        '/voice/incoming',
        { ...p, From: '+70000000000' },
        { signature: signTwilioRequest(h.ctx.config.twilio.authToken, `${h.baseUrl}/voice/incoming`, p) },
      ),
      await post('/voice/incoming', p, { signUrl: `${h.baseUrl}/voice/status` }),
      await post('/voice/incoming', p, { signUrl: `https://evil.example/voice/incoming`, host: 'evil.example' }),
    ];
    for (const r of cases) {
      assert.equal(r.status, 403);
      assert.ok(isTwiml(r));
      assert.ok(!r.body.includes('<Gather'));
    }
    assert.equal(await h.ctx.repos.callLogs.find(p.CallSid), undefined, 'nothing was stored');
  });
  it('the Host header is never trusted: PUBLIC_BASE_URL decides', { timeout: 60_000 }, async () => {
    const r = await post('/voice/incoming', callParams(), { host: 'evil.example' });
    assert.equal(r.status, 200);
  });
});

describe('fallback and failures (twilio-notes TW-10, TW-17, TW-18)', () => {
  it('the fallback is a static apology in ru, uk and en, then Hangup', { timeout: 60_000 }, async () => {
    const r = await post('/voice/fallback', callParams());
    assert.equal(r.status, 200);
    assert.equal(r.body, APOLOGY_TWIML);
    assert.ok(r.body.includes('ru-RU') && r.body.includes('uk-UA') && r.body.includes('en-GB') && r.body.includes('<Hangup/>'));
  });
  it('an oversized body gets 413 with TwiML, never a stack trace', { timeout: 60_000 }, async () => {
    const big = { ...callParams(), Digits: '1'.repeat(h.ctx.config.http.maxBodyBytes + 10) };
    const r = await post('/voice/incoming', big);
    assert.equal(r.status, 413);
    assert.ok(isTwiml(r));
  });
  it('unknown /voice paths and unknown calls get TwiML', { timeout: 60_000 }, async () => {
    assert.ok(isTwiml(await post('/voice/nothing-here', callParams())));
    const r = await post('/voice/step/5', { ...callParams(), Digits: '1' });
    assert.equal(r.status, 200);
    assert.equal(r.body, APOLOGY_TWIML);
  });
});

describe('fuzz: malformed bodies to every /voice route, signed correctly', () => {
  it('3,000 requests: never a 5xx, always well-formed TwiML', { timeout: 120_000 }, async () => {
    const live: string[] = [];
    // The calls' real action URLs and mangled ones.
    const menuUrls: string[] = [];
    for (let i = 0; i < 10; i++) {
      const p = callParams();
      const r = await post('/voice/incoming', p);
      live.push(p.CallSid);
      menuUrls.push(/action="([^"]+)"/.exec(r.body)![1].slice(h.baseUrl.length));
    }
    const mangled = menuUrls
      .slice(0, 3)
      .flatMap((u) => [u.slice(0, -1), `${u}x`, u.replace('/step/1', '/step/2'), `${u}/extra`, `${u}%2E`]);
    const routes = [
      '/voice/incoming',
      '/voice/step/1',
      '/voice/step/2',
      '/voice/step/0',
      '/voice/step/abc',
      '/voice/step/99999999999',
      '/voice/step/1/%ZZ',
      '/voice/step/1/.',
      `/voice/step/1/${'A'.repeat(5000)}`,
      ...menuUrls,
      ...mangled,
      '/voice/status',
      '/voice/recording',
      '/voice/queue-wait/ru',
      '/voice/queue-wait/xx',
      '/voice/fallback',
    ];
    const pick = <T>(a: T[]): T => a[Math.floor(Math.random() * a.length)];
    const junk = () =>
      pick([
        '',
        'ÿ',
        '😀'.repeat(50),
        '\u0000\u0001',
        '<Response><Hangup/></Response>',
        ']]>',
        '%ZZ',
        '1'.repeat(3000),
        '#*#*',
        '-1',
        '1e309',
        'NaN',
        randomBytes(20).toString('base64'),
        'Привіт, світе',
        '${jndi:ldap://x}',
        '../../etc/passwd',
        'null',
        '[object Object]',
      ]);
    const values = (): string | string[] =>
      Math.random() < 0.15 ? [junk(), junk()] : Math.random() < 0.5 ? junk() : pick(['1', '2', '9', '0', '1234#', '7081396985']);
    const statuses: Record<number, number> = {};
    const one = async () => {
      const p: Params = {};
      const r = Math.random();
      if (r < 0.7) p.CallSid = r < 0.5 ? pick(live) : Math.random() < 0.5 ? newCallSid() : values();
      for (const k of [
        'Digits',
        'From',
        'CallStatus',
        'SequenceNumber',
        'RecordingSid',
        'RecordingDuration',
        'QueuePosition',
        'CallDuration',
        'StirVerstat',
        'Weird[key]',
        '',
      ]) {
        if (Math.random() < 0.35) p[k] = values();
      }
      const res = await post(pick(routes), p);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      assert.ok(res.status < 500, `5xx for ${JSON.stringify(p).slice(0, 200)}`);
      assert.ok(isTwiml(res), `not TwiML (${res.status}): ${res.body.slice(0, 200)}`);
    };
    // One at a time: Twilio never sends two webhooks of one call at once, and most of these share ten calls.
    for (let i = 0; i < 3000; i++) await one();
    assert.ok((statuses[200] ?? 0) > 1000, `most signed requests are answered: ${JSON.stringify(statuses)}`);
  });
});

describe('with Redis down', () => {
  it('the fallback still answers; a call that needs Redis gets the apology, never a 5xx', { timeout: 60_000 }, async () => {
    const p = callParams();
    h.ctx.redis.disconnect();
    try {
      const fb = await post('/voice/fallback', p);
      assert.equal(fb.status, 200);
      assert.equal(fb.body, APOLOGY_TWIML);
      const inc = await post('/voice/incoming', p);
      assert.equal(inc.status, 200);
      assert.equal(inc.body, APOLOGY_TWIML);
      const step = await post('/voice/step/3', { ...p, Digits: '7081396985' });
      assert.equal(step.status, 200);
      assert.equal(step.body, APOLOGY_TWIML);
    } finally {
      await h.ctx.redis.connect();
    }
  });
});
