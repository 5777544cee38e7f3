import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';

// Facility administration through the REST API: what an admin's script or the CLI sends.
let f: ConsoleFixture;
useConsoleFixture({}, (fixture) => (f = fixture));

type Role = 'operator' | 'supervisor' | 'admin';
async function api(method: string, path: string, body?: unknown, role: Role = 'admin') {
  const res = await fetch(`${f.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${f.staff[role].token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const facilityCount = async () =>
  (await f.ctx.db.selectFrom('facilities').select(f.ctx.db.fn.countAll().as('n')).executeTakeFirstOrThrow()).n;
const auditOf = (action: string) => f.ctx.db.selectFrom('audit_log').selectAll().where('action', '=', action).orderBy('seq').execute();

test('an admin creates, edits and lists a facility and its lines; every change is audited', { timeout: 60_000 }, async () => {
  const created = await api('POST', '/facilities', {
    name: 'Camp North',
    timeZone: 'Europe/Moscow',
    callHours: 'Mon-Fri 9:00-18:00;sat 10:00-14:00',
    maxCallMinutes: 15,
    defaultLine: '+380441234567',
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const fac = created.body;
  assert.equal(fac.callHours, 'mon-fri 09:00-18:00; sat 10:00-14:00');
  assert.deepEqual(fac.callHoursByDay.sat, { start: '10:00', end: '14:00' });
  assert.equal(fac.callHoursByDay.sun, null);
  assert.equal(fac.timeZone, 'Europe/Moscow');
  assert.equal(fac.maxCallMinutes, 15);
  assert.equal(fac.weeklyCallQuota, 3);
  assert.equal(fac.contactFloorDays, 7);
  assert.equal(fac.defaultLine, '+380441234567');
  assert.deepEqual(
    fac.lines.map((l: { phone: string }) => l.phone),
    ['+380441234567'],
  );

  const defaults = await api('POST', '/facilities', { name: 'Camp South' });
  assert.equal(defaults.body.callHours, 'mon-sun 09:00-18:00');
  assert.equal(defaults.body.timeZone, 'Europe/Kyiv');
  assert.equal(defaults.body.defaultLine, null);

  const line = await api('POST', `/facilities/${defaults.body.id}/lines`, { phone: '+380442223344', label: 'wing B' });
  assert.equal(line.status, 201);
  assert.equal(line.body.label, 'wing B');
  // The first line becomes the default line.
  assert.equal((await api('GET', `/facilities/${defaults.body.id}`)).body.defaultLine, '+380442223344');
  assert.equal((await api('POST', `/facilities/${defaults.body.id}/lines`, { phone: '+380442223344' })).status, 409);

  const patched = await api('PATCH', `/facilities/${fac.id}`, { callHours: 'every day 00:00-24:00', weeklyCallQuota: 5 });
  assert.equal(patched.status, 200);
  assert.equal(patched.body.callHours, 'mon-sun 00:00-24:00');
  assert.equal(patched.body.weeklyCallQuota, 5);
  assert.equal(patched.body.maxCallMinutes, 15, 'fields not given are kept');

  const list = await api('GET', '/facilities');
  assert.deepEqual(
    list.body.facilities.map((x: { name: string }) => x.name),
    ['Camp North', 'Camp South'],
  );
  assert.equal((await api('DELETE', `/facilities/${defaults.body.id}/lines/${line.body.id}`)).status, 204);
  const after = (await api('GET', `/facilities/${defaults.body.id}`)).body;
  assert.deepEqual(after.lines, []);
  assert.equal(after.defaultLine, null, 'the removed default line is no longer the default');
  assert.equal((await api('DELETE', `/facilities/${defaults.body.id}/lines/${line.body.id}`)).status, 404);
  assert.equal((await api('GET', '/facilities/99999')).status, 404);

  const update = (await auditOf('facility.update')).at(-1)!;
  assert.equal(update.subject_type, 'facility');
  assert.equal(update.subject_id, String(fac.id));
  assert.deepEqual(update.detail, { fields: ['callHours', 'weeklyCallQuota'] });
  assert.equal((await auditOf('facility.create')).length, 2);
  assert.equal((await auditOf('facility.line.add')).length, 1);
  assert.equal((await auditOf('facility.line.remove')).length, 1);
  assert.ok(!JSON.stringify(await auditOf('facility.line.add')).includes('+380442223344'), 'no phone in the audit detail');
});

test('bad input is refused with the field named, and nothing is saved', { timeout: 60_000 }, async () => {
  const before = await facilityCount();
  const auditBefore = (await f.ctx.repos.audit.list({ limit: 1 }))[0]?.seq ?? 0;
  const cases: Array<[Record<string, unknown>, string, RegExp]> = [
    [{ name: 'Bad hours', callHours: 'mon-fri 18:00-09:00' }, 'callHours', /end \(09:00\) before they start/],
    [{ name: 'Bad zone', timeZone: 'Europe/Atlantis' }, 'timeZone', /IANA time zone/],
    [{ name: 'Bad line', defaultLine: '0441234567' }, 'defaultLine', /E\.164/],
    [{ name: 'Bad quota', weeklyCallQuota: -1 }, 'weeklyCallQuota', /at least 1/],
    [{ name: 'Bad minutes', maxCallMinutes: -5 }, 'maxCallMinutes', /at least 1/],
    [{ name: 'Bad floor', contactFloorDays: 0 }, 'contactFloorDays', /at least 1/],
  ];
  for (const [body, field, problem] of cases) {
    const r = await api('POST', '/facilities', body);
    assert.equal(r.status, 400, field);
    assert.equal(r.body.error, 'invalid_input');
    const named = r.body.fields.find((x: { field: string }) => x.field === field);
    assert.ok(named, `${field} is named: ${JSON.stringify(r.body)}`);
    assert.match(named.problem, problem);
  }
  const existing = (await api('GET', '/facilities')).body.facilities[0];
  const dup = await api('POST', '/facilities', { name: existing.name });
  assert.equal(dup.status, 409);
  assert.equal(dup.body.fields[0].field, 'name');
  // An edit with one bad field changes none of the good ones either.
  const bad = await api('PATCH', `/facilities/${existing.id}`, { weeklyCallQuota: 9, callHours: 'sun 12:00-11:00' });
  assert.equal(bad.status, 400);
  assert.equal((await api('GET', `/facilities/${existing.id}`)).body.weeklyCallQuota, existing.weeklyCallQuota);
  const badLine = await api('POST', `/facilities/${existing.id}/lines`, { phone: '+3804412' });
  assert.equal(badLine.status, 400);
  assert.equal(badLine.body.fields[0].field, 'phone');
  assert.equal((await api('GET', `/facilities/${existing.id}`)).body.lines.length, existing.lines.length);
  assert.equal(await facilityCount(), before);
  assert.equal((await f.ctx.repos.audit.list({ limit: 1 }))[0]?.seq ?? 0, auditBefore, 'no audit entry for a refused change');
});

test('only admins administer facilities; operators and admins import', { timeout: 60_000 }, async () => {
  for (const role of ['operator', 'supervisor'] as const) {
    assert.equal((await api('GET', '/facilities', undefined, role)).status, 403);
    assert.equal((await api('POST', '/facilities', { name: `By ${role}` }, role)).status, 403);
  }
  const csv = 'family_name,given_name,status\nKoval,Petro,held\nBad,Row,captured\n';
  const post = (role: Role, type = 'text/csv') =>
    fetch(`${f.url}/api/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${f.staff[role].token}`, 'content-type': type },
      body: csv,
    });
  assert.equal((await post('supervisor')).status, 403);
  assert.equal((await post('operator', 'text/plain')).status, 415);
  const res = await post('operator');
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.imported, 1);
  assert.deepEqual(body.rejected, [
    { line: 3, reason: 'status must be one of held, hospitalised, deceased, released, transferred, unknown' },
  ]);
  const entry = (await auditOf('import.csv')).at(-1)!;
  assert.equal(entry.actor, f.staff.operator.username);
});
