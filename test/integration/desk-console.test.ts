import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';
import { createRedis } from '../../src/redis/create-redis.js';
import { createDeskPresence } from '../../src/desk/desk-presence.js';
import { deskPresence, waitingCallers } from '../../src/desk/desk.js';
import { TEST_REDIS_URL } from '../support/test-redis-url.js';

// The operator desk through the console and the REST API: presence, the desk page, wrap-ups and the figures.
let f: ConsoleFixture;
useConsoleFixture({}, (fixture) => (f = fixture));

type Who = 'operator' | 'supervisor' | 'admin';
async function api(method: string, path: string, body?: unknown, role: Who = 'operator') {
  const res = await fetch(`${f.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${f.staff[role].token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}
async function page(path: string, s: { cookie: string }) {
  const res = await fetch(`${f.url}${path}`, { headers: { cookie: s.cookie } });
  return { status: res.status, text: await res.text() };
}
async function post(path: string, s: { cookie: string; csrf: string }, fields: Record<string, string> = {}) {
  const res = await fetch(`${f.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
  });
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}
const auditOf = async (action: string) => (await f.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).execute()) ?? [];

test('going on duty checks the phone, is shared through Redis, and ends with off duty or logout', { timeout: 60_000 }, async () => {
  const op = f.staff.operator;
  const bad = await api('POST', '/desk/on-duty', { phone: '12' });
  assert.equal(bad.status, 400);
  assert.match(bad.body.message, /^phone: /, 'the error names the field');
  assert.equal((await api('GET', '/desk')).body.me, null, 'nothing changed');
  const s = await f.session(op.userId);
  const badForm = await post('/console/desk/on-duty', s, { phone: 'not a number' });
  assert.equal(badForm.status, 400);
  assert.match(badForm.text, /Enter a phone number/);
  assert.equal(await deskPresence(f.ctx).get(op.userId), undefined);

  // A number without a country code is read as Ukrainian, where the desk works.
  const on = await post('/console/desk/on-duty', s, { phone: '044 123 4567' });
  assert.equal(on.status, 303);
  // Another instance (its own Redis connection, the same prefix) sees the same desk.
  const other = createRedis(TEST_REDIS_URL);
  await other.connect();
  try {
    const seen = await createDeskPresence(other, f.ctx.config.redis.prefix, { ttlSeconds: 60 }).get(op.userId);
    assert.equal(seen?.state, 'available');
    assert.equal(seen?.phone, '+380441234567');
    assert.ok((await other.ttl(`${f.ctx.config.redis.prefix}:desk:op:${op.userId}`)) > 0, 'the presence expires with the session');
  } finally {
    other.disconnect();
  }
  const audit = await auditOf('desk.on_duty');
  assert.equal(audit.length, 1);
  assert.ok(!JSON.stringify(audit[0].detail).includes('441234567'), 'no phone number in the audit log');

  // The desk set the operator aside after a missed call; they say they are back.
  assert.ok(await deskPresence(f.ctx).transition(op.userId, 'available', 'unavailable', { notice: 'no_answer' }));
  assert.match((await page('/console/desk', s)).text, /You did not answer the last call/);
  assert.equal((await post('/console/desk/available', s)).status, 303);
  assert.equal((await deskPresence(f.ctx).get(op.userId))?.state, 'available');

  assert.equal((await api('POST', '/desk/off-duty')).status, 200);
  assert.equal(await deskPresence(f.ctx).get(op.userId), undefined);
  assert.equal((await api('POST', '/desk/on-duty', { phone: '+380441234567' })).body.state, 'available');
  const out = await post('/logout', s);
  assert.equal(out.status, 303);
  assert.equal(await deskPresence(f.ctx).get(op.userId), undefined, 'logging out leaves the desk');
  assert.equal((await api('POST', '/desk/on-duty', { phone: '+380441234567' }, 'admin')).status, 403, 'admins do not work the desk');
});

let detaineeId = 0;
const A = 'CAdesk000000000000000000000000000a';
const B = 'CAdesk000000000000000000000000000b';

test(
  'the desk page: masked numbers, flags in words, the full number and the detainee only for the connected operator',
  { timeout: 60_000 },
  async () => {
    const op = f.staff.operator;
    const sup = f.staff.supervisor;
    detaineeId = (await f.ctx.repos.detainees.create({ familyName: 'Bondar', givenName: 'Ivan', status: 'held' })).id;
    const callers = waitingCallers(f.ctx);
    const at = new Date(Date.now() - 90_000).toISOString();
    await callers.add({
      callSid: A,
      language: 'uk',
      enqueuedAt: at,
      phone: '+79161234567',
      phoneMasked: '+*********67',
      flags: ['attempt_limit'],
      verifiedDetaineeId: detaineeId,
    });
    await callers.add({
      callSid: B,
      language: 'ru',
      enqueuedAt: new Date().toISOString(),
      phone: '+79169876543',
      phoneMasked: '+*********43',
      flags: [],
      verifiedDetaineeId: null,
    });
    const so = await f.session(op.userId);
    const ss = await f.session(sup.userId);
    let html = (await page('/console/desk', so)).text;
    assert.match(html, /reached the attempt limit/);
    assert.match(html, /\+\*{9}67/);
    assert.ok(!html.includes('+79161234567') && !html.includes('+79169876543'), 'no full number while waiting');
    assert.ok(!html.includes(`/console/detainees/${detaineeId}`), 'no detainee before the call');

    // The operator takes A (verified), the supervisor takes B (not verified).
    for (const [u, sid] of [
      [op.userId, A],
      [sup.userId, B],
    ] as const) {
      await deskPresence(f.ctx).goOnDuty({ userId: u, username: u === op.userId ? op.username : sup.username, phone: '+380441234567' });
      assert.ok(await callers.connect(sid, u, new Date()));
      assert.ok(await deskPresence(f.ctx).transition(u, 'available', 'on_call', { peerCallSid: sid, callSid: `CAop${u}` }));
    }
    html = (await page('/console/desk', so)).text;
    assert.match(html, /id="connected-phone">\+79161234567</);
    assert.ok(html.includes(`href="/console/detainees/${detaineeId}"`));
    assert.ok(!html.includes('+79169876543'), "another operator's caller stays masked");
    assert.match(html, /Do not write how a detainee was captured or where he is held/);
    html = (await page('/console/desk', ss)).text;
    assert.match(html, /id="caller-unverified"/);
    assert.ok(!html.includes('/console/detainees/'), 'an unverified caller brings no detainee data');
    assert.ok(!html.includes('+79161234567'));
    const apiView = (await api('GET', '/desk')).body;
    assert.equal(apiView.connected.detaineeId, detaineeId);
    assert.equal(apiView.callers.find((c: { language: string }) => c.language === 'ru').phone, '+*********43');
  },
);

test(
  "a wrap-up stores the outcome, frees the operator and removes the caller; not for someone else's call",
  { timeout: 60_000 },
  async () => {
    const op = f.staff.operator;
    const so = await f.session(op.userId);
    const theirs = await post('/console/desk/wrap-up', so, { callSid: B, outcome: 'other', note: 'x' });
    assert.equal(theirs.status, 403);
    assert.match(theirs.text, /only the operator who took it can wrap it up/);
    const viaApi = await api('POST', '/desk/wrap-up', { callSid: B, outcome: 'other' });
    assert.equal(viaApi.status, 403);
    assert.ok(await waitingCallers(f.ctx).get(B), 'the caller is still at the desk');
    assert.equal(await f.ctx.repos.desk.findWrapUp(B), undefined);
    assert.equal((await api('POST', '/desk/wrap-up', { callSid: A, outcome: 'guessed' })).status, 400);

    const done = await post('/console/desk/wrap-up', so, {
      callSid: A,
      outcome: 'answered_question',
      note: 'Asked about parcels.',
      followUp: '1',
      followUpWindow: 'evening',
    });
    assert.equal(done.status, 303);
    const row = await f.ctx.repos.desk.findWrapUp(A);
    assert.equal(row?.outcome, 'answered_question');
    assert.equal(row?.operator_user_id, op.userId);
    assert.ok(row!.queue_time_seconds! >= 89, 'the queue time is kept');
    const task = await f.ctx.repos.tasks.findById(row!.follow_up_task_id!);
    assert.equal(task?.callback_window, 'evening');
    assert.equal(task?.callback_phone, '+79161234567');
    assert.equal((await deskPresence(f.ctx).get(op.userId))?.state, 'available');
    assert.equal(await waitingCallers(f.ctx).get(A), undefined);
    const audit = await auditOf('desk.wrap_up');
    assert.equal(audit.length, 1);
    assert.ok(!JSON.stringify(audit[0].detail).includes('parcels'), 'no note text in the audit log');
    assert.equal(
      (await post('/console/desk/wrap-up', so, { callSid: A, outcome: 'other' })).status,
      409,
      'a double submit changes nothing',
    );
  },
);

test("today's figures count the desk", { timeout: 60_000 }, async () => {
  // How callers left the queue today, as the Enqueue action records it: one put through after 90 s, one who hung
  // up after 20 s, and one within the minute.
  await f.ctx.repos.callLogs.recordQueueResult('CAfig1', 'bridged', 90);
  await f.ctx.repos.callLogs.recordQueueResult('CAfig2', 'hangup', 20);
  await f.ctx.repos.callLogs.recordQueueResult('CAfig3', 'bridged', 40);
  const fig = (await api('GET', '/figures/today', undefined, 'supervisor')).body;
  assert.equal(fig.callersWaiting, 0, 'B is connected, not waiting');
  assert.equal(fig.serviceLevel, 1 / 3, 'one of three queued callers was answered within 60 s');
  assert.equal(fig.abandonedInQueue, 1);
  assert.equal(fig.averageWaitSeconds, 50);
  assert.deepEqual(fig.callsPerOperator, [{ username: 'test-operator', calls: 1 }]);
  assert.equal(fig.callbacksDue, 1);
  assert.equal(fig.callbacksOverdue, 0);
  await waitingCallers(f.ctx).add({
    callSid: 'CAwait',
    language: 'en',
    enqueuedAt: new Date(Date.now() - 30_000).toISOString(),
    phone: null,
    phoneMasked: '',
    flags: [],
    verifiedDetaineeId: null,
  });
  const now = (await api('GET', '/figures/today', undefined, 'supervisor')).body;
  assert.equal(now.callersWaiting, 1);
  assert.ok(now.longestWaitSeconds >= 30);
  const s = await f.session(f.staff.supervisor.userId);
  const html = (await page('/console/figures', s)).text;
  assert.match(html, /id="fig-waiting">Callers waiting<b>1</);
  assert.match(html, /id="fig-per-operator">Calls per operator<b>test-operator: 1</);
});

/** The first `desk` message of the desk's event stream, opened as the page's script opens it. */
async function firstDeskMessage(s: { cookie: string }, query: string) {
  const ac = new AbortController();
  const res = await fetch(`${f.url}/console/desk/events${query}`, { headers: { cookie: s.cookie }, signal: ac.signal });
  assert.equal(res.status, 200);
  const reader = res.body!.getReader();
  let text = '';
  try {
    while (!/event: desk\ndata: .*\n\n/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
  } finally {
    ac.abort();
  }
  return JSON.parse(/event: desk\ndata: (.*)\n\n/.exec(text)![1]) as { me: string | null; callers: string };
}

test(
  "the desk's stream does not re-send the operator's part the page already shows, so a phone being typed survives",
  { timeout: 60_000 },
  async () => {
    const u = await f.ctx.repos.users.create({
      username: 'test-desk-stream',
      password: 'a long enough passphrase 1',
      role: 'operator',
      language: 'en',
    });
    const s = await f.session(u.id);
    const key = () => page('/console/desk', s).then((p) => /data-me-key="([0-9a-f]+)"/.exec(p.text)![1]);
    const offDuty = await key();
    assert.equal((await firstDeskMessage(s, `?me=${offDuty}`)).me, null, 'the part the page shows is not sent again');
    assert.match((await firstDeskMessage(s, '')).me ?? '', /id="my-state" data-state="off_duty"/, 'a page that says nothing gets it');
    // The page was loaded off duty; the operator went on duty in another tab: the stream brings the new state.
    assert.equal((await post('/console/desk/on-duty', s, { phone: '+380441234500' })).status, 303);
    const onDuty = await firstDeskMessage(s, `?me=${offDuty}`);
    assert.match(onDuty.me ?? '', /data-state="available"/);
    assert.notEqual(await key(), offDuty);
    assert.equal((await post('/console/desk/off-duty', s)).status, 303);
  },
);
