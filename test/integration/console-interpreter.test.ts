import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';
import { FACILITY_LINE, SUPERVISOR_PHONE, seedCallableContact, withSupervisedCalls } from '../support/console-call-harness.js';

// D-11, O-01: the supervisor sees each party's language when deciding, sets the interpreter flag, and sees it on
// the call page, the queue board and in the API's JSON. The call is a day ahead: nobody is dialled.
let f: ConsoleFixture;
useConsoleFixture({ env: { OPERATOR_TIME_ZONE: 'UTC' }, prepare: withSupervisedCalls() }, (fixture) => (f = fixture));

test('the interpreter flag and the parties languages reach the supervisor', { timeout: 60_000 }, async () => {
  const r = f.ctx.repos;
  const { detainee: d, contact: c } = await seedCallableContact(f.ctx, {
    detainee: { familyName: 'Orlov', givenName: 'Ivan', language: 'ru' },
    contact: { name: 'Emma', relationship: 'wife', phone: '+79161239876', language: 'en' },
  });
  const op = await f.session(f.staff.operator.userId);
  const sup = await f.session(f.staff.supervisor.userId);
  const post = (s: { cookie: string; csrf: string }, path: string, fields: Record<string, string>) =>
    fetch(`${f.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, _csrf: s.csrf }).toString(),
    });
  const page = async (path: string) => (await fetch(`${f.url}${path}`, { headers: { cookie: sup.cookie } })).text();
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
  const requested = await post(op, `/console/detainees/${d.id}/call-requests`, {
    contactId: String(c.id),
    earliest: tomorrow,
    maxMinutes: '5',
  });
  assert.equal(requested.status, 303, await requested.text());
  const [req] = await r.callRequests.listByStatus('pending_approval');

  // The approve list shows both languages and suggests an interpreter, since they differ.
  const list = await page('/console/call-requests');
  assert.match(list, /<td>Russian \/ English<\/td>/);
  assert.match(list, new RegExp(`<input id="in${req.id}" name="interpreter" type="checkbox" value="true" checked>`));
  const approved = await post(sup, `/console/call-requests/${req.id}/approve`, {
    startAt: tomorrow,
    facilityLine: FACILITY_LINE,
    supervisorPhone: SUPERVISOR_PHONE,
    interpreter: 'true',
    reason: 'approved',
  });
  assert.equal(approved.status, 303, (await approved.text()).replace(/<[^>]+>/g, ' ').slice(-600));
  const callId = approved.headers.get('location')!.split('/').pop()!;
  assert.equal((await r.scheduledCalls.findById(callId))!.interpreter, true);

  assert.match(await page(`/console/calls/${callId}`), /Interpreter needed/);
  assert.match(await page('/console/queue'), /Russian \/ English · Interpreter needed/);
  const api = async (path: string) =>
    (await fetch(`${f.url}/api${path}`, { headers: { authorization: `Bearer ${f.staff.supervisor.token}` } })).json();
  assert.equal((await api(`/calls/${callId}`)).interpreter, true);
  const item = (await api('/queue')).items.find((i: { id: string }) => i.id === callId);
  assert.equal(item.interpreter, true);
  assert.deepEqual(item.languages, { detainee: 'ru', contact: 'en' });
});
