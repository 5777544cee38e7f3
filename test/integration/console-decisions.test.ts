import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';

// S-01: the supervisor's decision list says who asked for each call (the family by the hotline, the detainee
// himself, an operator) and marks two requests for the same contact, so they are decided together.
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
