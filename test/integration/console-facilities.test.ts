import { deskPresence } from '../../src/desk/desk.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';

// The console's Facilities pages and the approve form's choices, through HTTP with a session.
let f: ConsoleFixture;
let admin: { cookie: string; csrf: string };
useConsoleFixture({}, async (fixture) => {
  f = fixture;
  admin = await f.session(f.staff.admin.userId);
});

const post = (s: { cookie: string; csrf: string }, path: string, fields: Record<string, string>) =>
  fetch(`${f.url}${path}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ ...fields, _csrf: s.csrf }).toString(),
  });
const page = async (s: { cookie: string }, path: string) => {
  const res = await fetch(`${f.url}${path}`, { headers: { cookie: s.cookie } });
  return { status: res.status, body: await res.text() };
};
const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

test('an admin creates a facility, edits its weekday hours and limits, adds and removes lines', { timeout: 60_000 }, async () => {
  assert.match((await page(admin, '/console/detainees')).body, /href="\/console\/facilities"/, 'nav link for admins');
  const created = await post(admin, '/console/facilities', {
    name: 'Camp West',
    timeZone: 'Europe/Kyiv',
    callHours: 'mon-fri 09:00-18:00',
    defaultLine: '',
  });
  assert.equal(created.status, 303);
  const path = created.headers.get('location')!;
  const id = Number(path.split('/').pop());
  assert.match((await page(admin, '/console/facilities')).body, /Camp West.*mon-fri 09:00-18:00/s);

  const hours: Record<string, string> = {};
  for (const d of DAYS) Object.assign(hours, { [`${d}Start`]: '', [`${d}End`]: '' });
  Object.assign(hours, { monStart: '08:00', monEnd: '12:00', tueStart: '08:00', tueEnd: '12:00', satStart: '10:00', satEnd: '24:00' });
  const edited = await post(admin, path, {
    name: 'Camp West',
    timeZone: 'Europe/Moscow',
    ...hours,
    maxCallMinutes: '25',
    weeklyCallQuota: '4',
    contactFloorDays: '5',
    defaultLine: '',
  });
  assert.equal(edited.status, 303);
  assert.equal((await post(admin, `${path}/lines`, { phone: '+380441234567', label: 'wing A' })).status, 303);
  const view = (await page(admin, path)).body;
  assert.match(view, /name="monStart" value="08:00"/);
  assert.match(view, /name="satEnd" value="24:00"/);
  assert.match(view, /name="wedStart" value=""/);
  assert.match(view, /<option value="\+380441234567" selected>/, 'the first line is the default');
  const api = await fetch(`${f.url}/api/facilities/${id}`, { headers: { authorization: `Bearer ${f.staff.admin.token}` } });
  const fac = await api.json();
  assert.equal(fac.callHours, 'mon-tue 08:00-12:00; sat 10:00-24:00');
  assert.equal(fac.timeZone, 'Europe/Moscow');
  assert.equal(fac.maxCallMinutes, 25);
  assert.equal(fac.weeklyCallQuota, 4);
  assert.equal(fac.contactFloorDays, 5);

  // A refused edit names the field and changes nothing.
  const bad = await post(admin, path, { ...hours, monStart: '12:00', monEnd: '08:00', weeklyCallQuota: '-1' });
  assert.equal(bad.status, 400);
  const text = await bad.text();
  assert.match(text, /callHours/);
  assert.match(text, /weeklyCallQuota/);
  assert.equal(
    (await (await fetch(`${f.url}/api/facilities/${id}`, { headers: { authorization: `Bearer ${f.staff.admin.token}` } })).json())
      .weeklyCallQuota,
    4,
  );

  assert.equal((await post(admin, `${path}/lines/${fac.lines[0].id}/remove`, {})).status, 303);
  assert.doesNotMatch((await page(admin, path)).body, /<td>\+380441234567<\/td>/);
  // Without the CSRF token nothing changes; operators do not see the page.
  assert.equal((await post({ ...admin, csrf: 'forged' }, path, { name: 'Forged' })).status, 403);
  const op = await f.session(f.staff.operator.userId);
  assert.equal((await page(op, '/console/facilities')).status, 403);
  assert.doesNotMatch((await page(op, '/console/detainees')).body, /href="\/console\/facilities"/);
});

test("the approve form offers the facility's lines and the supervisors' phones, the user's own first", { timeout: 60_000 }, async () => {
  const r = f.ctx.repos;
  const fac = await r.facilities.upsert({ name: 'Camp Choice', callHoursStart: '00:00', callHoursEnd: '00:00' });
  await r.facilityLines.add(fac.id, '+380447770001', 'room 1');
  await r.facilityLines.add(fac.id, '+380447770002', 'room 2');
  await r.facilities.update(fac.id, { default_line: '+380447770002' });
  await r.users.update(f.staff.admin.userId, { phone: '+380501110001' });
  await r.users.update(f.staff.supervisor.userId, { phone: '+380501110002' });
  const d = await r.detainees.create({ familyName: 'Hrytsenko', givenName: 'Oleh', status: 'held', facilityId: fac.id });
  const c = await r.contacts.create({
    detaineeId: d.id,
    name: 'Iryna',
    relationship: 'wife',
    phone: '+79161239876',
    timeZone: 'Europe/Moscow',
    nominated: true,
  });
  await r.callRequests.create({
    detaineeId: d.id,
    contactId: c.id,
    earliest: new Date(),
    maxMinutes: 10,
    language: 'ru',
    source: 'operator',
  });
  const sup = await f.session(f.staff.supervisor.userId);
  const body = (await page(sup, '/console/call-requests')).body;
  const lineSelect = /<select[^>]*name="facilityLine"[^>]*>(.*?)<\/select>/s.exec(body)?.[1] ?? '';
  assert.deepEqual(
    [...lineSelect.matchAll(/value="([^"]+)"/g)].map((m) => m[1]),
    ['+380447770002', '+380447770001'],
    'default line first',
  );
  const monitorSelect = /<select[^>]*name="supervisorPhone"[^>]*>(.*?)<\/select>/s.exec(body)?.[1] ?? '';
  assert.deepEqual(
    [...monitorSelect.matchAll(/value="([^"]+)"/g)].map((m) => m[1]),
    ['+380501110002', '+380501110001'],
    'own phone first',
  );
  assert.doesNotMatch(body, /name="facilityLine" type="tel"/, 'no free text');

  // An admin on duty at the desk at another phone comes first, with that phone, marked as on duty; an operator on
  // duty is no monitor.
  await deskPresence(f.ctx).goOnDuty({ userId: f.staff.admin.userId, username: 'test-admin', phone: '+380501119999' });
  await deskPresence(f.ctx).goOnDuty({ userId: f.staff.operator.userId, username: 'test-operator', phone: '+380501118888' });
  const later = (await page(sup, '/console/call-requests')).body;
  const onDuty = /<select[^>]*name="supervisorPhone"[^>]*>(.*?)<\/select>/s.exec(later)?.[1] ?? '';
  assert.deepEqual(
    [...onDuty.matchAll(/value="([^"]+)"/g)].map((m) => m[1]),
    ['+380501119999', '+380501110002', '+380501110001'],
  );
  assert.match(onDuty, /\+380501119999 \(on duty\)/);
  await deskPresence(f.ctx).goOffDuty(f.staff.admin.userId);
  await deskPresence(f.ctx).goOffDuty(f.staff.operator.userId);
});
