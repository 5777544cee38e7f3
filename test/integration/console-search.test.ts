import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';

// O-03: an operator tells namesakes apart in the search results (patronymic, birth date, facility) before opening
// a record, since every opening is audited; the results themselves are not.
let f: ConsoleFixture;

before(
  async () => {
    f = await createConsoleFixture();
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await f?.close();
  },
  { timeout: 60_000 },
);

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
