import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';
import { html } from '../../src/console/html.js';

// Stored XSS: names and free text from the database are rendered escaped on every page.
const SCRIPT = '<script>alert(1)</script>';
const IMG = '"><img src=x onerror=alert(2)>';
let f: ConsoleFixture;
let ids: { detainee: number; contact: number; call: string };

useConsoleFixture({}, async (fixture) => {
  f = fixture;
  const r = f.ctx.repos;
  const d = await r.detainees.create({ familyName: SCRIPT, givenName: IMG, status: 'held', statusSource: SCRIPT });
  const c = await r.contacts.create({
    detaineeId: d.id,
    name: SCRIPT,
    relationship: IMG,
    phone: '+79161234567',
    timeZone: 'Europe/Moscow',
    nominated: true,
  });
  await r.consent.append({ contactId: c.id, scope: 'calls', granted: true, language: 'ru', witness: SCRIPT, prompt: IMG });
  await r.callRequests.create({ detaineeId: d.id, contactId: c.id, source: 'operator', earliest: new Date(), requestedBy: SCRIPT });
  const denied = await r.callRequests.create({ detaineeId: d.id, contactId: c.id, source: 'operator', earliest: new Date() });
  await r.callRequests.decide(denied.id, 'denied', IMG, SCRIPT);
  const call = await r.scheduledCalls.create({
    detaineeId: d.id,
    contactId: c.id,
    facilityLine: '+380441234567',
    supervisorPhone: '+380441234568',
    startAt: new Date(),
    maxMinutes: 10,
    language: 'ru',
  });
  await r.scheduledCalls.addEvent({ callId: call.id, kind: SCRIPT, actor: IMG, detail: { note: SCRIPT } });
  await r.enquiries.create({ language: 'ru', soughtName: SCRIPT, callerName: IMG, preferredHours: SCRIPT });
  await r.tasks.create({ kind: 'callback', summary: SCRIPT, callbackWindow: IMG });
  await r.tasks.create({ kind: 'protection', restricted: true, summary: SCRIPT });
  await r.audit.append({ actor: SCRIPT, action: IMG, detail: { x: SCRIPT } });
  ids = { detainee: d.id, contact: c.id, call: call.id };
});

function assertEscaped(page: string, where: string) {
  assert.ok(!page.includes(SCRIPT), `${where}: raw <script> payload`);
  assert.ok(!page.includes('<img src=x'), `${where}: raw <img> payload`);
  assert.ok(page.includes('&lt;script&gt;alert(1)&lt;/script&gt;'), `${where}: the name is shown, escaped`);
}

test('the html tag escapes every interpolation, including attribute breakouts', { timeout: 60_000 }, () => {
  assert.equal(
    html`<a title="${IMG}">${SCRIPT}</a>`.toString(),
    '<a title="&quot;&gt;&lt;img src=x onerror=alert(2)&gt;">&lt;script&gt;alert(1)&lt;/script&gt;</a>',
  );
  assert.equal(html`${[SCRIPT, html`<b>ok</b>`]}`.toString(), '&lt;script&gt;alert(1)&lt;/script&gt;<b>ok</b>');
});

test('every page that shows names renders them escaped', { timeout: 60_000 }, async () => {
  const admin = await f.session(f.staff.admin.userId);
  const pages = [
    `/console/detainees?q=${encodeURIComponent('<script>')}`,
    `/console/detainees/${ids.detainee}`,
    `/console/contacts/${ids.contact}`,
    '/console/call-requests',
    '/console/queue',
    `/console/calls/${ids.call}`,
    '/console/enquiries',
    '/console/tasks',
    '/console/audit',
  ];
  for (const p of pages) {
    const res = await fetch(`${f.url}${p}`, { headers: { cookie: admin.cookie } });
    assert.equal(res.status, 200, p);
    assert.match(res.headers.get('content-security-policy') ?? '', /script-src 'self'/, `${p}: CSP`);
    assertEscaped(await res.text(), p);
  }
});

test('the live queue pushes escaped markup over server-sent events', { timeout: 60_000 }, async () => {
  const sup = await f.session(f.staff.supervisor.userId);
  const ac = new AbortController();
  const res = await fetch(`${f.url}/console/queue/events`, { headers: { cookie: sup.cookie }, signal: ac.signal });
  assert.equal(res.headers.get('content-type'), 'text/event-stream');
  const reader = res.body!.getReader();
  // Ending the stream must not leave a rejected `closed` promise behind (an unhandled rejection fails the file).
  reader.closed.catch(() => {});
  let text = '';
  while (!text.includes('event: queue')) text += new TextDecoder().decode((await reader.read()).value);
  while (!/event: queue\ndata: .*\n\n/.test(text)) text += new TextDecoder().decode((await reader.read()).value);
  await reader.cancel().catch(() => {});
  ac.abort();
  const data = JSON.parse(/event: queue\ndata: (.*)\n\n/.exec(text)![1]) as { html: string; version: string };
  assertEscaped(data.html, 'SSE board');
  // The pending request is counted (decided on its own page); the scheduled call is a row with its names.
  assert.match(data.html, /id="board-pending" data-count="1"/);
  assert.match(data.html, new RegExp(`<tr data-id="${ids.call}" data-state="scheduled"`));
});
