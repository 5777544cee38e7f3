import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { useConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';
import { seedDetainee } from '../support/hotline-seed.js';
import { checkNibReporting } from '../../src/worker/check-nib-reporting.js';
import { checkContactFloor } from '../../src/worker/check-contact-floor.js';
import { todaysFigures } from '../../src/calls/todays-figures.js';
import { callActions } from '../../src/calls/call-actions.js';
import { importCsv } from '../../src/import/import-csv.js';
import type { Role } from '../../src/storage/schema.js';
import type { Principal } from '../../src/shared/principal.js';

// D-02, D-03, D-04, D-10, O-03, S-08 through the REST API and the console, on real Redis and a real database.
let f: ConsoleFixture;
const DAY = 86_400_000;
useConsoleFixture({ env: { NIB_REPORT_ALERT_DAYS: '4' } }, (fixture) => (f = fixture));

async function api(role: Role, method: string, path: string, body?: unknown) {
  const res = await fetch(`${f.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${f.staff[role].token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, text, body: (text.startsWith('{') ? JSON.parse(text) : {}) as Record<string, unknown> };
}
async function page(role: Role, path: string) {
  const s = await f.session(f.staff[role].userId);
  const res = await fetch(`${f.url}${path}`, { headers: { cookie: s.cookie }, redirect: 'manual' });
  return { status: res.status, text: await res.text() };
}
async function form(role: Role, path: string, fields: Record<string, string>) {
  const s = await f.session(f.staff[role].userId);
  const res = await fetch(`${f.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, _csrf: s.csrf }).toString(),
  });
  return { status: res.status, text: await res.text() };
}
const backdate = (id: number, days: number) =>
  f.ctx.db
    .updateTable('detainees')
    .set({ created_at: new Date(Date.now() - days * DAY) } as never)
    .where('id', '=', id)
    .execute();
const nominate = (contactId: number) => f.ctx.db.updateTable('contacts').set({ nominated: true }).where('id', '=', contactId).execute();
const principal = (role: Role): Principal => ({
  userId: f.staff[role].userId,
  username: f.staff[role].username,
  role,
  via: 'session',
  scopes: [],
  language: 'en',
});

describe('protection escalation (D-10)', () => {
  it('the words reach supervisors only; the record carries the flag; the audit names the action', { timeout: 60_000 }, async () => {
    const { detainee } = await seedDetainee(f.ctx);
    const words = 'They will shoot me if I am sent home';
    const r = await api('operator', 'POST', `/api/detainees/${detainee.id}/protection`, { concern: 'repatriation', statement: words });
    assert.equal(r.status, 201, r.text);
    assert.doesNotMatch(r.text, /shoot/);
    const view = await api('operator', 'GET', `/api/detainees/${detainee.id}`);
    assert.equal(view.body.protectionConcern, true);
    assert.doesNotMatch(view.text, /shoot/);
    const opTasks = await api('operator', 'GET', '/api/tasks');
    assert.doesNotMatch(opTasks.text, /shoot/);
    assert.deepEqual(opTasks.body.restricted, []);
    const supTasks = await api('supervisor', 'GET', '/api/tasks');
    const task = (supTasks.body.restricted as Array<{ id: number; kind: string; summary: string }>).find((t) => t.id === r.body.taskId);
    assert.equal(task?.kind, 'protection');
    assert.match(task!.summary, /shoot me/);
    const opPage = await page('operator', `/console/detainees/${detainee.id}`);
    assert.match(opPage.text, /id="protection-flag"/, 'operators are warned that a concern exists');
    assert.doesNotMatch(opPage.text, /shoot/);
    const audit = (await f.ctx.repos.audit.list({ limit: 100 })).filter((e) => e.subject_id === String(detainee.id));
    assert.ok(audit.some((e) => e.action === 'protection.record'));
    assert.doesNotMatch(JSON.stringify(audit), /shoot/);
  });

  it('an exchange step (release, a call cancelled as released) needs the concern acknowledged', { timeout: 60_000 }, async () => {
    const { detainee, contact } = await seedDetainee(f.ctx);
    await form('supervisor', `/console/detainees/${detainee.id}/protection`, { concern: 'exchange', statement: '' });
    const refused = await api('supervisor', 'PATCH', `/api/detainees/${detainee.id}`, { status: 'released' });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error, 'protection_concern');
    assert.equal((await f.ctx.repos.detainees.findById(detainee.id))?.status, 'held');
    const call = await f.ctx.repos.scheduledCalls.create({
      detaineeId: detainee.id,
      contactId: contact.id,
      facilityLine: '+380441234567',
      supervisorPhone: '+380441234568',
      startAt: new Date(Date.now() + DAY),
      maxMinutes: 10,
      language: 'ru',
    });
    await assert.rejects(callActions.cancel(f.ctx, principal('supervisor'), call.id, { reason: 'released' }), /reprisal/);
    const viaCsv = await importCsv(
      { repos: f.ctx.repos, secretHashKey: f.ctx.config.security.secretHashKey, logger: f.ctx.logger },
      Readable.from([`reference,family_name,given_name,status\n${detainee.reference},Testov,Ivan,released\n`]),
    );
    assert.match(JSON.stringify(viaCsv.rejected), /protection concern/, 'a file cannot acknowledge the concern');
    const released = await api('supervisor', 'PATCH', `/api/detainees/${detainee.id}`, {
      status: 'released',
      protectionAcknowledged: true,
    });
    assert.equal(released.status, 200, released.text);
    const audit = await f.ctx.repos.audit.list({ limit: 50 });
    assert.ok(audit.some((e) => e.action === 'protection.acknowledged' && e.subject_id === String(detainee.id)));
    assert.equal((await api('operator', 'POST', `/api/detainees/${detainee.id}/protection/clear`)).status, 403);
    assert.equal((await api('supervisor', 'POST', `/api/detainees/${detainee.id}/protection/clear`)).status, 200);
    assert.equal((await f.ctx.repos.detainees.findById(detainee.id))?.protection_concern, false);
    assert.ok((await f.ctx.repos.audit.list({ limit: 20 })).some((e) => e.action === 'protection.clear'));
  });
});

describe('NIB reporting (D-02)', () => {
  it(
    'a missing NIB date raises one task after the configured days, whatever the consent; a recorded one none',
    { timeout: 60_000 },
    async () => {
      const noConsent = await seedDetainee(f.ctx, { consent: [] });
      const reported = await seedDetainee(f.ctx);
      const recent = await seedDetainee(f.ctx);
      await backdate(noConsent.detainee.id, 5);
      await backdate(reported.detainee.id, 5);
      await backdate(recent.detainee.id, 2);
      const put = await api('operator', 'PUT', `/api/detainees/${reported.detainee.id}/custody-dates`, { nibReportedAt: '2026-11-20' });
      assert.equal(put.status, 200, put.text);
      assert.equal(put.body.nibReportedAt, '2026-11-20T00:00:00.000Z');
      await checkNibReporting(f.ctx);
      await checkNibReporting(f.ctx);
      const tasks = await f.ctx.db.selectFrom('tasks').selectAll().where('kind', '=', 'nib_report').execute();
      const of = (id: number) => tasks.filter((t) => t.detainee_id === id);
      assert.equal(of(noConsent.detainee.id).length, 1, 'once, never a daily repeat; consent plays no part');
      assert.equal(of(noConsent.detainee.id)[0].restricted, false);
      assert.equal(of(reported.detainee.id).length, 0);
      assert.equal(of(recent.detainee.id).length, 0, 'within NIB_REPORT_ALERT_DAYS');
    },
  );

  it('the console and the CSV import record the date', { timeout: 60_000 }, async () => {
    const { detainee } = await seedDetainee(f.ctx);
    const saved = await form('operator', `/console/detainees/${detainee.id}/custody-dates`, { nibReportedAt: '2026-11-25', arrivedAt: '' });
    assert.equal(saved.status, 303);
    assert.equal((await f.ctx.repos.detainees.findById(detainee.id))?.nib_reported_at?.toISOString(), '2026-11-25T00:00:00.000Z');
    assert.match((await page('operator', `/console/detainees/${detainee.id}`)).text, /value="2026-11-25"/);
    const csv = `reference,family_name,given_name,status,nib_reported_at,arrived_at\n${detainee.reference},Testov,Ivan,held,2026-11-28,2026-11-01\n`;
    const result = await importCsv(
      { repos: f.ctx.repos, secretHashKey: f.ctx.config.security.secretHashKey, logger: f.ctx.logger },
      Readable.from([csv]),
    );
    assert.equal(result.rejected.length, 0, JSON.stringify(result.rejected));
    const after = await f.ctx.repos.detainees.findById(detainee.id);
    assert.equal(after?.nib_reported_at?.toISOString(), '2026-11-28T00:00:00.000Z');
    assert.equal(after?.arrived_at?.toISOString(), '2026-11-01T00:00:00.000Z');
    const bad = await importCsv(
      { repos: f.ctx.repos, secretHashKey: f.ctx.config.security.secretHashKey, logger: f.ctx.logger },
      Readable.from([`family_name,given_name,status,nib_reported_at\nX,Y,held,2026-02-30\n`]),
    );
    assert.match(JSON.stringify(bad.rejected), /nib_reported_at is not a real date/);
  });
});

describe('the contact floor (D-03, D-04, S-08)', () => {
  it(
    'counts from the last call offered, restarts after a transfer or a hospitalisation, and covers detainees without a facility',
    { timeout: 60_000 },
    async () => {
      const later = new Date(Date.now() + 60_000);
      const alerted = async () => new Set((await f.ctx.repos.detainees.belowContactFloorUnalerted(later, 500)).map((d) => d.id));
      const noFacility = (await seedDetainee(f.ctx)).detainee;
      const hospitalised = (await seedDetainee(f.ctx)).detainee;
      const called = await seedDetainee(f.ctx);
      const cancelled = await seedDetainee(f.ctx);
      const arrivedLately = (await seedDetainee(f.ctx)).detainee;
      for (const d of [noFacility, hospitalised, called.detainee, cancelled.detainee, arrivedLately]) await backdate(d.id, 10);
      assert.equal(noFacility.facility_id, null);
      const upd = await api('operator', 'PATCH', `/api/detainees/${hospitalised.id}`, { status: 'hospitalised' });
      assert.equal(upd.status, 200);
      assert.ok(upd.body.hospitalisedAt, 'the hospitalisation is dated');
      await api('operator', 'PUT', `/api/detainees/${arrivedLately.id}/custody-dates`, {
        arrivedAt: new Date(Date.now() - 2 * DAY).toISOString(),
      });
      for (const [s, state] of [
        [called, 'completed'],
        [cancelled, 'cancelled'],
      ] as const) {
        const c = await f.ctx.repos.scheduledCalls.create({
          detaineeId: s.detainee.id,
          contactId: s.contact.id,
          facilityLine: '+380441234567',
          supervisorPhone: '+380441234568',
          startAt: new Date(Date.now() - 2 * DAY),
          maxMinutes: 10,
          language: 'ru',
        });
        await f.ctx.db.updateTable('scheduled_calls').set({ state }).where('id', '=', c.id).execute();
      }
      const below = await alerted();
      assert.ok(below.has(noFacility.id), 'a detainee without a facility is covered (7 days by default)');
      assert.ok(below.has(cancelled.detainee.id), 'a cancelled call was not offered');
      assert.ok(!below.has(hospitalised.id), 'the floor restarts after a hospitalisation');
      assert.ok(!below.has(called.detainee.id), 'counted from the last call offered, not the record');
      assert.ok(!below.has(arrivedLately.id), 'counted from his arrival when it is known');
      // One definition: the figure counts exactly the detainees the alert would name.
      const figures = await todaysFigures(f.ctx);
      assert.equal(figures.belowContactFloor, (await f.ctx.repos.detainees.belowContactFloorUnalerted(new Date(), 500)).length);
      await checkContactFloor(f.ctx);
      const tasks = await f.ctx.db.selectFrom('tasks').select('detainee_id').where('kind', '=', 'contact_floor').execute();
      assert.ok(tasks.some((t) => t.detainee_id === noFacility.id));
    },
  );

  it("the detainee's own request is entered by staff and marked as his", { timeout: 60_000 }, async () => {
    const { detainee, contact } = await seedDetainee(f.ctx);
    await nominate(contact.id);
    const earliest = new Date(Date.now() + 2 * DAY).toISOString();
    const r = await api('operator', 'POST', `/api/detainees/${detainee.id}/call-requests`, {
      contactId: contact.id,
      earliest,
      source: 'detainee',
    });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.body.source, 'detainee');
    const viaForm = await form('operator', `/console/detainees/${detainee.id}/call-requests`, {
      contactId: String(contact.id),
      earliest: earliest.slice(0, 16),
      maxMinutes: '10',
      language: 'ru',
      source: 'detainee',
    });
    assert.equal(viaForm.status, 303, viaForm.text);
    const requests = await f.ctx.repos.callRequests.listByDetainee(detainee.id, 10);
    assert.deepEqual(
      requests.map((q) => q.source),
      ['detainee', 'detainee'],
    );
    assert.match((await page('operator', `/console/detainees/${detainee.id}`)).text, /the detainee himself/);
  });
});

describe('the caller desk (O-03)', () => {
  it(
    'sees status categories and call-request state; never facility, lines or full numbers; nothing else',
    { timeout: 60_000 },
    async () => {
      const facility = await f.ctx.repos.facilities.upsert({ name: 'Camp Secretplace' });
      const { detainee, contact } = await seedDetainee(f.ctx, { phone: '+79161239876' });
      await f.ctx.repos.detainees.setColumns(detainee.id, { facility_id: facility.id });
      await nominate(contact.id);
      await api('operator', 'POST', `/api/detainees/${detainee.id}/call-requests`, {
        contactId: contact.id,
        earliest: new Date(Date.now() + DAY).toISOString(),
        source: 'detainee',
      });
      const r = await api('caller_desk', 'GET', `/api/caller-desk?reference=${detainee.reference}`);
      assert.equal(r.status, 200, r.text);
      assert.equal(r.body.status, 'held');
      assert.equal(r.body.healthCategory, 'good');
      assert.deepEqual(
        (r.body.callRequests as Array<{ status: string; source: string }>).map((q) => [q.status, q.source]),
        [['pending_approval', 'detainee']],
      );
      assert.doesNotMatch(r.text, /9161239876|Secretplace|facility|380441234567/i);
      assert.match(r.text, /\+\*{9}76/);
      const audit = await f.ctx.repos.audit.list({ limit: 20 });
      assert.ok(
        audit.some((e) => e.action === 'detainee.view' && e.subject_id === String(detainee.id) && e.actor === f.staff.caller_desk.username),
      );
      const p = await page('caller_desk', `/console/caller-desk?reference=${detainee.reference}`);
      assert.equal(p.status, 200);
      assert.match(p.text, /id="status">Held/);
      assert.doesNotMatch(p.text, /9161239876|Secretplace/);
      for (const path of [
        `/api/detainees/${detainee.id}`,
        `/api/contacts/${contact.id}`,
        '/api/tasks',
        '/api/enquiries',
        '/api/messages',
      ]) {
        assert.equal((await api('caller_desk', 'GET', path)).status, 403, path);
      }
      assert.equal((await page('caller_desk', `/console/detainees/${detainee.id}`)).status, 403);
      const home = await page('caller_desk', '/console');
      assert.equal(home.status, 303);
    },
  );
});
