import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';

// Lists that must say enough to act on without opening anything. O-03: an operator tells namesakes apart in the
// search results (patronymic, birth date, facility) before opening a record, since every opening is audited.
// S-01: the supervisor's decision list says who asked for each call (the family by the hotline, the detainee
// himself, an operator) and marks two requests for the same contact, so they are decided together.
let f: ConsoleFixture;

useConsoleFixture({}, (fixture) => (f = fixture));

test('two namesakes in the results differ by patronymic and facility; one without a facility says so', { timeout: 60_000 }, async () => {
  const north = await f.ctx.repos.facilities.upsert({ name: 'Search North' });
  const south = await f.ctx.repos.facilities.upsert({ name: 'Search South' });
  const base = { familyName: 'Namesakov', givenName: 'Petro', status: 'held' as const, language: 'uk' as const };
  await f.ctx.repos.detainees.create({ ...base, patronymic: 'Ivanovych', facilityId: north.id });
  await f.ctx.repos.detainees.create({ ...base, patronymic: 'Mykolaiovych', facilityId: south.id });
  await f.ctx.repos.detainees.create({ ...base, patronymic: 'Stepanovych' });
  const s = await f.session(f.staff.operator.userId);
  const auditBefore = (await f.ctx.repos.audit.list({ limit: 500 })).filter((a) => a.action === 'detainee.view').length;
  const html = await (await fetch(`${f.url}/console/detainees?q=Namesakov`, { headers: { cookie: s.cookie } })).text();
  const rows = [...html.matchAll(/<tr><td><a href="\/console\/detainees\/\d+">\d+<\/a><\/td>(.*?)<\/tr>/g)].map((m) =>
    [...m[1].matchAll(/<td>(.*?)<\/td>/g)].map((c) => c[1]),
  );
  assert.equal(rows.length, 3);
  const byPatronymic = Object.fromEntries(rows.map((r) => [r[2], r[4]]));
  assert.deepEqual(byPatronymic, { Ivanovych: 'Search North', Mykolaiovych: 'Search South', Stepanovych: '–' });
  assert.match(html, /<th>Patronymic<\/th><th>Birth date<\/th><th>Facility<\/th>/);
  const auditAfter = (await f.ctx.repos.audit.list({ limit: 500 })).filter((a) => a.action === 'detainee.view').length;
  assert.equal(auditAfter, auditBefore, 'a result list opens no record');
});

test('each pending request says who asked, and requests for one contact point at each other', { timeout: 60_000 }, async () => {
  const r = f.ctx.repos;
  const d = await r.detainees.create({ familyName: 'Askov', givenName: 'Ivan', status: 'held', language: 'ru' });
  const contact = (name: string, phone: string) =>
    r.contacts.create({
      detaineeId: d.id,
      name,
      relationship: 'mother',
      phone,
      timeZone: 'Europe/Moscow',
      language: 'ru',
      nominated: true,
    });
  const [mother, sister] = [await contact('Maria', '+79161230001'), await contact('Olga', '+79161230002')];
  const earliest = new Date(Date.now() + 86_400_000);
  const ask = (contactId: number, source: 'hotline' | 'detainee' | 'operator') =>
    r.callRequests.create({ detaineeId: d.id, contactId, source, earliest, maxMinutes: 5 });
  const [a, b, c] = [await ask(mother.id, 'hotline'), await ask(mother.id, 'detainee'), await ask(sister.id, 'operator')];
  const sup = await f.session(f.staff.supervisor.userId);
  const html = await (await fetch(`${f.url}/console/call-requests`, { headers: { cookie: sup.cookie } })).text();
  const row = (id: number) => new RegExp(`<tr><td>${id}</td>.*?</tr>`, 's').exec(html)?.[0] ?? '';
  assert.match(row(a.id), /the family, by the hotline/);
  assert.match(row(a.id), new RegExp(`same contact as #${b.id}<`));
  assert.match(row(b.id), /the detainee himself/);
  assert.match(row(b.id), new RegExp(`same contact as #${a.id}<`));
  assert.match(row(c.id), /an operator/);
  assert.doesNotMatch(row(c.id), /same contact as/, 'another contact is no duplicate');
  assert.match(html, /<th>Requested by<\/th>/);
});
