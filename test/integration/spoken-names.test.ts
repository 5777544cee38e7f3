import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { useConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';
import { importCsv } from '../../src/import/import-csv.js';

// D-11: the Cyrillic form of a name, for the Russian and Ukrainian voice, through the API, the console and the CSV import.
let f: ConsoleFixture;
useConsoleFixture({}, (fixture) => (f = fixture));

async function api(method: string, path: string, body?: unknown) {
  const res = await fetch(`${f.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${f.staff.operator.token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

test('the API stores, clears and refuses a spoken name that is not Cyrillic', { timeout: 60_000 }, async () => {
  const d = await api('POST', '/detainees', { familyName: 'Petrov', givenName: 'Ivan', status: 'held', spokenName: 'Иван' });
  assert.equal(d.status, 201);
  assert.equal(d.body.spokenName, 'Иван');
  const latin = await api('PATCH', `/detainees/${d.body.id}`, { spokenName: 'Ivan' });
  assert.equal(latin.status, 400);
  assert.equal(latin.body.error, 'invalid_input');
  assert.equal((await f.ctx.repos.detainees.findById(d.body.id))!.spoken_name, 'Иван', 'a refused change changes nothing');
  assert.equal((await api('PATCH', `/detainees/${d.body.id}`, { spokenName: '' })).body.spokenName, null);
  const c = await api('POST', `/detainees/${d.body.id}/contacts`, {
    name: 'Mariia',
    spokenName: 'Марія',
    relationship: 'mother',
    phone: '+380501234567',
  });
  assert.equal(c.status, 201);
  assert.equal(c.body.spokenName, 'Марія');
  assert.equal((await api('PATCH', `/contacts/${c.body.id}`, { spokenName: "Мар'яна" })).body.spokenName, "Мар'яна");
});

test('the console forms show and change the spoken name', { timeout: 60_000 }, async () => {
  const d = await f.ctx.repos.detainees.create({ familyName: 'Sydorenko', givenName: 'Oleh', status: 'held', language: 'uk' });
  const c = await f.ctx.repos.contacts.create({
    detaineeId: d.id,
    name: 'Olena',
    relationship: 'wife',
    phone: '+380671112233',
    timeZone: 'Europe/Kyiv',
  });
  const { cookie, csrf } = await f.session(f.staff.operator.userId);
  const post = (path: string, form: Record<string, string>) =>
    fetch(`${f.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
    });
  const detaineeForm = { familyName: 'Sydorenko', givenName: 'Oleh', status: 'held', language: 'uk', spokenName: 'Олег' };
  assert.equal((await post(`/console/detainees/${d.id}`, detaineeForm)).status, 303);
  assert.equal((await f.ctx.repos.detainees.findById(d.id))!.spoken_name, 'Олег');
  const page = await (await fetch(`${f.url}/console/detainees/${d.id}`, { headers: { cookie } })).text();
  assert.match(page, /<input id="spokenName" name="spokenName" maxlength="80" value="Олег">/);
  const contactForm = { name: 'Olena', relationship: 'wife', phone: '+380671112233', language: 'uk', spokenName: 'Олена' };
  assert.equal((await post(`/console/contacts/${c.id}`, contactForm)).status, 303);
  assert.equal((await f.ctx.repos.contacts.findById(c.id))!.spoken_name, 'Олена');
  const contactPage = await (await fetch(`${f.url}/console/contacts/${c.id}`, { headers: { cookie } })).text();
  assert.match(contactPage, /name="spokenName" maxlength="120" value="Олена"/);
  // A Latin form is refused with the field named, and the stored one is kept.
  const refused = await post(`/console/contacts/${c.id}`, { ...contactForm, spokenName: 'Olena' });
  assert.notEqual(refused.status, 303);
  assert.equal((await f.ctx.repos.contacts.findById(c.id))!.spoken_name, 'Олена');
});

test('the CSV import reads the optional spoken_name and contact_spoken_name columns', { timeout: 60_000 }, async () => {
  const header = 'family_name,given_name,spoken_name,status,language,contact_name,contact_spoken_name,relationship,contact_phone';
  const csv = [
    header,
    'Kovalenko,Taras,Тарас,held,uk,Halyna,Галина,mother,+380931234567',
    'Bondar,Petro,Petro,held,uk,,,,',
    'Shevchuk,Yurii,,held,uk,Iryna,Iryna,wife,+380931234568',
  ].join('\n');
  const r = await importCsv({ repos: f.ctx.repos, secretHashKey: 'k'.repeat(32) }, Readable.from([csv]));
  assert.equal(r.imported, 1);
  assert.deepEqual(
    r.rejected.map((x) => [x.line, x.reason]),
    [
      [3, 'spoken_name must be written in Cyrillic letters'],
      [4, 'contact_spoken_name must be written in Cyrillic letters'],
    ],
  );
  const [d] = await f.ctx.repos.detainees.search('Kovalenko', 5);
  assert.equal(d.spoken_name, 'Тарас');
  const [c] = await f.ctx.repos.contacts.listByDetainee(d.id);
  assert.equal(c.spoken_name, 'Галина');
});
