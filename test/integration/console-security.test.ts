import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createConsoleFixture, loginThroughForm, streamEndsAtLogout, type ConsoleFixture } from '../support/console-fixture.js';
import { cookieOptions } from '../../src/accounts/session-cookie.js';
import { loadConfig } from '../../src/config/config.js';
import { createLoginLimiter, LOGIN_THROTTLE } from '../../src/accounts/login-limiter.js';
import { createTwilioTelephony } from '../../src/telephony/twilio/twilio-telephony.js';

// The carrier's media endpoint, faked at its HTTP boundary: serves a recording and records the auth it got.
let media: Server;
const mediaRequests: Array<{ url: string; headers: IncomingHttpHeaders }> = [];
let f: ConsoleFixture;

before(
  async () => {
    media = createServer((req, res) => {
      mediaRequests.push({ url: req.url ?? '', headers: req.headers });
      res.writeHead(200, { 'content-type': 'audio/mpeg' }).end(Buffer.from('ID3-fake-audio'));
    });
    await new Promise<void>((r) => media.listen(0, '127.0.0.1', () => r()));
    f = await createConsoleFixture(
      { TWILIO_API_BASE_URL: `http://127.0.0.1:${(media.address() as AddressInfo).port}`, TRUST_PROXY: 'loopback' },
      // The Twilio adapter, whose media requests the fake endpoint above answers.
      (ctx) => void (ctx.telephony = createTwilioTelephony(ctx.config)),
    );
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await f?.close();
    media?.close();
  },
  { timeout: 60_000 },
);

const form = (cookie: string, fields: Record<string, string>) => ({
  method: 'POST',
  redirect: 'manual' as const,
  headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

test('session writes need the CSRF token bound to the session; API tokens do not', { timeout: 60_000 }, async () => {
  const s = await f.session(f.staff.operator.userId);
  const other = await f.session(f.staff.operator.userId);
  const fields = { familyName: 'Petrov', givenName: 'Ivan', status: 'held', language: 'ru' };
  assert.equal((await fetch(`${f.url}/console/detainees`, form(s.cookie, fields))).status, 403);
  assert.equal((await fetch(`${f.url}/console/detainees`, form(s.cookie, { ...fields, _csrf: 'wrong' }))).status, 403);
  // A token from another session of the same user is still wrong: tokens are bound to the session.
  assert.equal((await fetch(`${f.url}/console/detainees`, form(s.cookie, { ...fields, _csrf: other.csrf }))).status, 403);
  const apiNoToken = await fetch(`${f.url}/api/detainees`, {
    method: 'POST',
    headers: { cookie: s.cookie, 'content-type': 'application/json' },
    body: JSON.stringify(fields),
  });
  assert.equal(apiNoToken.status, 403);
  assert.equal((await f.ctx.repos.detainees.search('Petrov')).length, 0, 'nothing was created by the rejected requests');
  const ok = await fetch(`${f.url}/console/detainees`, form(s.cookie, { ...fields, _csrf: s.csrf }));
  assert.equal(ok.status, 303);
  const viaToken = await fetch(`${f.url}/api/detainees`, {
    method: 'POST',
    headers: { authorization: `Bearer ${f.staff.operator.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(fields),
  });
  assert.equal(viaToken.status, 201);
});

test('login sets an httpOnly SameSite=Strict cookie; Secure follows an https public URL', { timeout: 60_000 }, async () => {
  const r = await loginThroughForm(f.url, f.staff.supervisor.username, f.staff.supervisor.password);
  assert.equal(r.status, 303);
  assert.match(r.body, /HttpOnly/i);
  assert.match(r.body, /SameSite=Strict/i);
  assert.doesNotMatch(r.body, /Secure/i);
  assert.equal(cookieOptions(loadConfig({ PUBLIC_BASE_URL: 'https://hotline.example.org' })).secure, true);
  const page = await fetch(`${f.url}/console/queue`, { headers: { cookie: r.cookie! } });
  assert.equal(page.status, 200);
  const out = await fetch(`${f.url}/logout`, form(r.cookie!, { _csrf: r.csrf! }));
  assert.equal(out.status, 303);
  const afterLogout = await fetch(`${f.url}/console/queue`, { headers: { cookie: r.cookie! }, redirect: 'manual' });
  assert.equal(afterLogout.status, 303, 'the session is gone from Redis');
});

test(
  'wrong passwords slow down that account from that address, never lock it: the right password from another address logs in',
  { timeout: 60_000 },
  async () => {
    await f.ctx.repos.users.create({ username: 'target.user', password: 'right-password-1', role: 'operator' });
    // The fixture trusts its loopback proxy, which appends the client's address to X-Forwarded-For.
    const stranger = { 'x-forwarded-for': '203.0.113.7' };
    const owner = { 'x-forwarded-for': '198.51.100.23' };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await loginThroughForm(f.url, 'target.user', 'wrong', stranger)).status);
    assert.deepEqual(statuses, [401, 401, 401, 401, 429], 'three free tries, then each failure makes the next try wait');
    const slowed = await loginThroughForm(f.url, 'target.user', 'right-password-1', stranger);
    assert.equal(slowed.status, 429, 'while the stranger waits, even the right password waits from his address');
    assert.match(slowed.body, /try again in \d+ seconds/);
    assert.equal(
      (await loginThroughForm(f.url, 'target.user', 'right-password-1', owner)).status,
      303,
      'the owner, from her own address, is not slowed',
    );
    const figures = await fetch(`${f.url}/api/figures/today`, { headers: { authorization: `Bearer ${f.staff.supervisor.token}` } });
    assert.ok(((await figures.json()) as { lockouts: number }).lockouts >= 1, "today's figures count logins slowed down");
  },
);

test(
  'the wait grows with each failure of one account from one address, up to a bound; success clears it',
  { timeout: 30_000 },
  async () => {
    const limiter = createLoginLimiter({ config: f.ctx.config, redis: f.ctx.redis });
    const waits: number[] = [];
    for (let i = 0; i < 16; i++) waits.push(await limiter.fail('grow.user', '192.0.2.1'));
    assert.deepEqual(waits.slice(0, 8), [0, 0, 0, 1, 2, 4, 8, 16]);
    assert.equal(Math.max(...waits), LOGIN_THROTTLE.maxWaitPerAccountSeconds);
    assert.ok((await limiter.waitFor('grow.user', '192.0.2.1')) > 0);
    assert.equal(await limiter.waitFor('grow.user', '192.0.2.2'), 0, 'another address is not slowed');
    await limiter.succeed('grow.user', '192.0.2.1');
    assert.equal(await limiter.waitFor('grow.user', '192.0.2.1'), 0);
  },
);

test('an unknown username and a wrong password get the same answer after the same work (a dummy scrypt)', { timeout: 60_000 }, async () => {
  const time = async (username: string) => {
    const started = performance.now();
    const r = await loginThroughForm(f.url, username, 'not-the-password', {
      'x-forwarded-for': `192.0.2.${Math.floor(Math.random() * 250)}`,
    });
    return {
      ms: performance.now() - started,
      status: r.status,
      message: /class="error"[^>]*>.*?<\/strong>([^<]*)<\/div>/.exec(r.body)?.[1],
    };
  };
  const known: Array<{ ms: number; status: number; message?: string }> = [];
  const unknown: typeof known = [];
  for (let i = 0; i < 9; i++) {
    known.push(await time(f.staff.operator.username));
    unknown.push(await time(`nobody-${i}`));
  }
  assert.deepEqual(new Set([...known, ...unknown].map((x) => `${x.status} ${x.message}`)).size, 1, 'one status and one message');
  // The fastest of interleaved tries: a busy machine only adds time, so the minimum shows the work itself.
  const fastest = (xs: number[]) => Math.min(...xs);
  const [k, u] = [fastest(known.map((x) => x.ms)), fastest(unknown.map((x) => x.ms))];
  // Without the dummy check an unknown name answers in a few milliseconds against scrypt's tens.
  assert.ok(u > k / 3 && u < k * 3, `fastest: known ${k.toFixed(1)} ms, unknown ${u.toFixed(1)} ms`);
});

test('many failures from one address, across accounts, slow it down briefly and never lock it', { timeout: 120_000 }, async () => {
  const office = { 'x-forwarded-for': '198.51.100.80' };
  const statuses: number[] = [];
  for (let i = 0; i < LOGIN_THROTTLE.freeTriesPerAddress + 1; i++)
    statuses.push((await loginThroughForm(f.url, `typo-${i}`, 'x', office)).status);
  assert.deepEqual(new Set(statuses.slice(0, LOGIN_THROTTLE.freeTriesPerAddress)), new Set([401]));
  const limiter = createLoginLimiter({ config: f.ctx.config, redis: f.ctx.redis });
  const wait = await limiter.waitFor('anyone', '198.51.100.80');
  assert.ok(wait > 0 && wait <= LOGIN_THROTTLE.maxWaitPerAddressSeconds, `a short wait for the address: ${wait} s`);
  const keys = await f.ctx.redis.keys(`${f.ctx.config.redis.prefix}:login-*`);
  assert.ok(keys.length >= 1, 'the counters live under the configured prefix');
});

test('a forged X-Forwarded-For does not get past the limit when TRUST_PROXY names the proxy', { timeout: 60_000 }, async () => {
  await f.ctx.repos.users.create({ username: 'forged.user', password: 'right-password-2', role: 'operator' });
  const statuses: number[] = [];
  // The attacker writes his own entries; the proxy (loopback) appends the address it saw.
  for (let i = 0; i < 5; i++)
    statuses.push((await loginThroughForm(f.url, 'forged.user', 'wrong', { 'x-forwarded-for': `10.${i}.${i}.${i}, 203.0.113.66` })).status);
  assert.deepEqual(statuses, [401, 401, 401, 401, 429]);
});

test(
  'viewing a detainee and playing a recording write audit entries; media goes through the server with carrier auth',
  { timeout: 60_000 },
  async () => {
    const d = await f.ctx.repos.detainees.create({ familyName: 'Sidorov', givenName: 'Oleg', status: 'held' });
    const s = await f.session(f.staff.operator.userId);
    assert.equal((await fetch(`${f.url}/console/detainees/${d.id}`, { headers: { cookie: s.cookie } })).status, 200);
    assert.equal(
      (await fetch(`${f.url}/api/detainees/${d.id}`, { headers: { authorization: `Bearer ${f.staff.admin.token}` } })).status,
      200,
    );
    const views = (await f.ctx.repos.audit.list({ subjectType: 'detainee', subjectId: String(d.id) })).filter(
      (e) => e.action === 'detainee.view',
    );
    assert.deepEqual(views.map((e) => e.actor).sort(), ['test-admin', 'test-operator']);

    const m = await f.ctx.repos.messages.create({
      detaineeId: d.id,
      direction: 'to_detainee',
      recordingSid: 'RE1',
      recordingUrl: `${f.ctx.config.twilio.apiBaseUrl}/2010-04-01/Accounts/AC1/Recordings/RE1`,
    });
    const play = await fetch(`${f.url}/console/messages/${m.id}/recording`, { headers: { cookie: s.cookie } });
    assert.equal(play.status, 200);
    assert.equal(play.headers.get('content-type'), 'audio/mpeg');
    assert.equal(play.headers.get('cache-control'), 'no-store');
    assert.equal(Buffer.from(await play.arrayBuffer()).toString(), 'ID3-fake-audio');
    assert.equal(mediaRequests.at(-1)!.url, '/2010-04-01/Accounts/AC1/Recordings/RE1.mp3');
    assert.match(String(mediaRequests.at(-1)!.headers.authorization), /^Basic /);
    const plays = (await f.ctx.repos.audit.list({ limit: 20 })).filter((e) => e.action === 'message.play');
    assert.equal(plays.length, 1);
    assert.equal(plays[0].actor, 'test-operator');
    // The page never exposes the carrier URL, only the audited route.
    const list = await (await fetch(`${f.url}/console/messages`, { headers: { cookie: s.cookie } })).text();
    assert.ok(list.includes(`/console/messages/${m.id}/recording`));
    assert.ok(!list.includes('Recordings/RE1'));
    // A stored URL off the carrier is never fetched.
    const evil = await f.ctx.repos.messages.create({
      detaineeId: d.id,
      direction: 'to_detainee',
      recordingSid: 'RE2',
      recordingUrl: 'http://169.254.169.254/latest',
    });
    assert.equal(
      (await fetch(`${f.url}/api/messages/${evil.id}/recording`, { headers: { authorization: `Bearer ${f.staff.admin.token}` } })).status,
      404,
    );
    assert.equal((await f.ctx.repos.audit.verify()).ok, true);
  },
);

test("a secret set on the detainee's behalf is shown once and stored only as a hash", { timeout: 60_000 }, async () => {
  const d = await f.ctx.repos.detainees.create({ familyName: 'Orlov', givenName: 'Pavel', status: 'held' });
  const c = await f.ctx.repos.contacts.create({
    detaineeId: d.id,
    name: 'Anna',
    relationship: 'wife',
    phone: '+79161234567',
    timeZone: 'Europe/Moscow',
  });
  const s = await f.session(f.staff.operator.userId);
  const set = await fetch(`${f.url}/console/contacts/${c.id}/secret`, form(s.cookie, { _csrf: s.csrf, secret: '4821' }));
  assert.equal(set.status, 200);
  assert.match(await set.text(), /id="once-value">4821</);
  const stored = (await f.ctx.repos.contacts.findById(c.id))!;
  assert.ok(stored.secret_hash && !stored.secret_hash.includes('4821'));
  assert.equal(f.ctx.repos.contacts.secretMatches(stored, '4821'), true);
  assert.ok(!(await (await fetch(`${f.url}/console/contacts/${c.id}`, { headers: { cookie: s.cookie } })).text()).includes('4821'));
  const bad = await fetch(`${f.url}/console/contacts/${c.id}/secret`, form(s.cookie, { _csrf: s.csrf, secret: '12' }));
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /4 to 8 digits/);
  const random = await fetch(`${f.url}/api/contacts/${c.id}/secret`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${f.staff.operator.token}`, 'content-type': 'application/json' },
    body: '{}',
  });
  assert.match(((await random.json()) as { secret: string }).secret, /^\d{6}$/);
});

test('an invalid phone is refused with the reason; restricted tasks stay hidden from operators', { timeout: 60_000 }, async () => {
  const d = await f.ctx.repos.detainees.create({ familyName: 'Belov', givenName: 'Ilya', status: 'held' });
  const s = await f.session(f.staff.operator.userId);
  const bad = await fetch(
    `${f.url}/console/detainees/${d.id}/contacts`,
    form(s.cookie, { _csrf: s.csrf, name: 'X', relationship: 'mother', phone: '+7123', language: 'ru' }),
  );
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /the phone number is not valid/);
  const t = await f.ctx.repos.tasks.create({ kind: 'protection', restricted: true, detaineeId: d.id, summary: 'protection-escalation-42' });
  const opPage = await (await fetch(`${f.url}/console/tasks`, { headers: { cookie: s.cookie } })).text();
  assert.ok(!opPage.includes('protection-escalation-42'));
  const opApi = (await (await fetch(`${f.url}/api/tasks`, { headers: { authorization: `Bearer ${f.staff.operator.token}` } })).json()) as {
    restricted: unknown[];
  };
  assert.equal(opApi.restricted.length, 0);
  assert.equal(
    (await fetch(`${f.url}/api/tasks/${t.id}/close`, { method: 'POST', headers: { authorization: `Bearer ${f.staff.operator.token}` } }))
      .status,
    404,
  );
  const sup = await f.session(f.staff.supervisor.userId);
  assert.ok(
    (await (await fetch(`${f.url}/console/tasks`, { headers: { cookie: sup.cookie } })).text()).includes('protection-escalation-42'),
  );
});

test('search is capped at 50 with no paging; the language switch is stored per user', { timeout: 60_000 }, async () => {
  for (let i = 0; i < 55; i++) await f.ctx.repos.detainees.create({ familyName: `Capov${i}`, givenName: 'N', status: 'held' });
  const r = (await (
    await fetch(`${f.url}/api/detainees?q=capov&offset=50&limit=500`, { headers: { authorization: `Bearer ${f.staff.operator.token}` } })
  ).json()) as { results: unknown[]; capped: boolean };
  assert.equal(r.results.length, 50);
  assert.equal(r.capped, true);
  // Walking the register search by search meets the hourly allowance (the points are spent directly here).
  const { searchLimiter, SEARCHES_PER_HOUR } = await import('../../src/records/search-limiter.js');
  await searchLimiter(f.ctx).penalty(String(f.staff.supervisor.userId), SEARCHES_PER_HOUR);
  const limited = await fetch(`${f.url}/api/detainees?q=capov`, { headers: { authorization: `Bearer ${f.staff.supervisor.token}` } });
  assert.equal(limited.status, 429);
  assert.equal(((await limited.json()) as { error: string }).error, 'search_rate_limited');
  const s = await f.session(f.staff.operator.userId);
  assert.equal((await fetch(`${f.url}/console/language`, form(s.cookie, { _csrf: s.csrf, language: 'uk' }))).status, 303);
  const page = await (await fetch(`${f.url}/console/detainees`, { headers: { cookie: s.cookie } })).text();
  assert.match(page, /<html lang="uk">/);
  assert.ok(page.includes('Утримувані'));
  assert.equal((await f.ctx.repos.users.findById(f.staff.operator.userId))!.language, 'uk');
});

test('an anonymous visit goes to the login page and back to where it was, never off-site', { timeout: 60_000 }, async () => {
  const first = await fetch(`${f.url}/console/tasks?x=1`, { redirect: 'manual' });
  assert.equal(first.status, 303);
  const loginUrl = first.headers.get('location')!;
  assert.equal(loginUrl, `/login?next=${encodeURIComponent('/console/tasks?x=1')}`);
  for (const [next, expected] of [
    [loginUrl, '/console/tasks?x=1'],
    ['/login?next=%2F%2Fevil.example%2F', '/console/detainees'],
  ] as const) {
    const form = await fetch(`${f.url}${next}`);
    const cookie = (form.headers.getSetCookie().find((c) => c.startsWith('kl_lcsrf=')) ?? '').split(';')[0];
    const page = await form.text();
    const action = /<form method="post" action="([^"]+)"/.exec(page)![1].replace(/&amp;/g, '&');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1];
    const res = await fetch(`${f.url}${action}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, username: f.staff.operator.username, password: f.staff.operator.password }).toString(),
    });
    assert.equal(res.status, 303);
    assert.equal(res.headers.get('location'), expected);
  }
});

test('an open live-queue stream ends once its session is logged out', { timeout: 60_000 }, async () => {
  await streamEndsAtLogout(f, '/console/queue/events', /connected|event: queue/);
});

test('a request is authenticated once, whichever router under /api answers it', { timeout: 60_000 }, async () => {
  const users = f.ctx.repos.users;
  const findByApiToken = users.findByApiToken;
  let lookups = 0;
  users.findByApiToken = (token) => {
    lookups++;
    return findByApiToken(token);
  };
  try {
    const calls = await fetch(`${f.url}/api/calls`, { headers: { authorization: `Bearer ${f.staff.operator.token}` } });
    assert.equal(calls.status, 200);
    assert.equal(lookups, 1);
  } finally {
    users.findByApiToken = findByApiToken;
  }
});
