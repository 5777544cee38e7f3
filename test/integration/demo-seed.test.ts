import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../support/test-database.js';
import { createRepositories, type Repositories } from '../../src/storage/repositories/index.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { isValidReference } from '../../src/shared/reference.js';
import { verifyPassword } from '../../src/shared/password.js';
import { AppError } from '../../src/shared/errors.js';

const KEY = 'demo-test-key-0123456789abcdef012345678';
let h: Awaited<ReturnType<typeof createTestDatabase>>;
let repos: Repositories;
before(
  async () => {
    h = await createTestDatabase();
    repos = createRepositories(h.db, KEY);
  },
  { timeout: 120_000 },
);
after(() => h.close(), { timeout: 60_000 });

const tableCounts = async () => {
  const out: Record<string, number> = {};
  for (const t of ['detainees', 'contacts', 'consent_entries', 'users', 'api_tokens', 'facilities', 'audit_log'] as const) {
    out[t] = Number(
      (
        await h.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  }
  return out;
};

test('the demo set covers every case, and its records say what the JSON says', { timeout: 60_000 }, async () => {
  const set = await seedDemo({ repos, secretHashKey: KEY });
  assert.equal(set.changed, true);
  const byCase = (re: RegExp) => set.detainees.find((d) => re.test(d.case))!;
  const statuses = set.detainees.map((d) => d.status);
  for (const s of ['held', 'hospitalised', 'deceased', 'released']) assert.ok(statuses.includes(s as never), s);
  assert.ok(byCase(/possibly dead/).possiblyDead);

  for (const d of set.detainees) {
    assert.ok(isValidReference(d.reference), d.reference);
    const row = (await repos.detainees.findByReference(d.reference))!;
    assert.equal(row.status, d.status);
    assert.equal(row.possibly_dead, d.possiblyDead);
    assert.equal(row.facility_id, set.facility.id);
    for (const c of d.contacts) {
      const contact = (await repos.contacts.findById(c.id))!;
      assert.equal(contact.phone, c.phone);
      assert.equal(contact.blocked, c.blocked ?? false);
      if (c.secret) assert.ok(repos.contacts.secretMatches(contact, c.secret));
      else assert.equal(contact.secret_hash, null);
      const consent = await repos.consent.current(c.id);
      assert.deepEqual(
        Object.keys(consent).filter((k) => consent[k as keyof typeof consent]),
        c.consent,
      );
    }
  }
  const held = byCase(/^held, with consent/);
  assert.ok(
    held.contacts.some((c) => c.secret === null),
    'a contact without a secret',
  );
  assert.ok(
    held.contacts.some((c) => c.blocked),
    'a blocked contact',
  );
  assert.deepEqual(byCase(/without consent/).contacts[0].consent, []);
  assert.ok(byCase(/hospitalised/).contacts[0].consent.includes('health'));

  assert.deepEqual(
    set.logins.map((l) => l.role),
    ['operator', 'supervisor', 'admin', 'caller_desk'],
  );
  for (const l of set.logins) {
    const u = (await repos.users.findByUsername(l.username))!;
    assert.equal(u.role, l.role);
    assert.ok(await verifyPassword(l.password, u.password_hash));
    assert.equal((await repos.users.findByApiToken(l.apiToken))?.role, l.role);
  }
});

test('seeding again changes nothing and returns the same set', { timeout: 60_000 }, async () => {
  const first = await seedDemo({ repos, secretHashKey: KEY });
  const counts = await tableCounts();
  const second = await seedDemo({ repos, secretHashKey: KEY });
  assert.equal(second.changed, false);
  assert.deepEqual(second, first);
  assert.deepEqual(await tableCounts(), counts);
});

test('a trial that changed a demo record is restored by the next seed', { timeout: 60_000 }, async () => {
  const set = await seedDemo({ repos, secretHashKey: KEY });
  const mother = set.detainees[0].contacts[0];
  await repos.contacts.setSecret(mother.id, '0000');
  await repos.consent.append({ contactId: mother.id, scope: 'held', granted: false, language: 'ru', witness: 'trial' });
  const again = await seedDemo({ repos, secretHashKey: KEY });
  assert.equal(again.changed, true);
  const c = (await repos.contacts.findById(mother.id))!;
  assert.ok(repos.contacts.secretMatches(c, mother.secret!));
  assert.equal((await repos.consent.current(mother.id)).held, true);
  assert.ok((await repos.audit.verify()).ok);
});

test('another server key gives other demo tokens, and production refuses the demo', { timeout: 60_000 }, async () => {
  const other = await seedDemo({ repos: createRepositories(h.db, 'x'.repeat(40)), secretHashKey: 'x'.repeat(40) });
  const mine = await seedDemo({ repos, secretHashKey: KEY });
  assert.notEqual(other.logins[0].apiToken, mine.logins[0].apiToken);
  await assert.rejects(
    seedDemo({ repos, secretHashKey: KEY, env: 'production' }),
    (e: unknown) => e instanceof AppError && e.code === 'demo_in_production',
  );
});
