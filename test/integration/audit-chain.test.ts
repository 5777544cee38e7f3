import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDatabase } from '../support/test-database.js';
import { createRepositories, type Repositories } from '../../src/storage/repositories/index.js';

let h: Awaited<ReturnType<typeof createTestDatabase>>;
let repos: Repositories;

before(
  async () => {
    h = await createTestDatabase();
    repos = createRepositories(h.db, 'audit-test-key-0123456789abcdef012345');
  },
  { timeout: 120_000 },
);
after(() => h.close(), { timeout: 60_000 });

// Each test starts from a fresh chain of five entries.
beforeEach(
  async () => {
    await sql`DELETE FROM audit_log`.execute(h.db);
    await sql`UPDATE audit_head SET seq = 0, hash = 'genesis' WHERE id = 1`.execute(h.db);
    for (let i = 1; i <= 5; i++) {
      await repos.audit.append({
        actor: `user${i}`,
        action: 'contact.update',
        subjectType: 'contact',
        subjectId: i,
        detail: { field: 'blocked', nested: { b: 2, a: 1 } },
      });
    }
  },
  { timeout: 120_000 },
);

test('an intact chain verifies, entries link to their predecessor', { timeout: 60_000 }, async () => {
  assert.deepEqual(await repos.audit.verify(), { ok: true, entries: 5 });
  const entries = (await repos.audit.list()).reverse();
  assert.deepEqual(
    entries.map((e) => e.seq),
    [1, 2, 3, 4, 5],
  );
  assert.equal(entries[0].prev_hash, 'genesis');
  for (let i = 1; i < 5; i++) assert.equal(entries[i].prev_hash, entries[i - 1].hash);
});

test('concurrent appends never share a predecessor', { timeout: 60_000 }, async () => {
  await Promise.all(Array.from({ length: 8 }, (_, i) => repos.audit.append({ actor: 'c', action: `parallel.${i}` })));
  assert.deepEqual(await repos.audit.verify(), { ok: true, entries: 13 });
});

test('an edited entry is detected', { timeout: 60_000 }, async () => {
  await sql`UPDATE audit_log SET detail = '{"field":"name"}' WHERE seq = 3`.execute(h.db);
  const r = await repos.audit.verify();
  assert.equal(r.ok, false);
  assert.equal(r.problem?.seq, 3);
  assert.match(r.problem!.reason, /edited/);
});

test('an edited actor or time is detected too', { timeout: 60_000 }, async () => {
  await sql`UPDATE audit_log SET actor = 'someone else' WHERE seq = 2`.execute(h.db);
  assert.equal((await repos.audit.verify()).problem?.seq, 2);
  await sql`UPDATE audit_log SET actor = 'user2' WHERE seq = 2`.execute(h.db);
  assert.equal((await repos.audit.verify()).ok, true);
  await sql`UPDATE audit_log SET at = at - interval '1 day' WHERE seq = 4`.execute(h.db);
  assert.equal((await repos.audit.verify()).problem?.seq, 4);
});

test('an inserted entry is detected, even with a self-consistent hash', { timeout: 60_000 }, async () => {
  // Make room after entry 2, then forge an entry 3 that links correctly to entry 2.
  for (const seq of [5, 4, 3]) await sql`UPDATE audit_log SET seq = ${seq + 1} WHERE seq = ${seq}`.execute(h.db);
  const two = await h.db.selectFrom('audit_log').selectAll().where('seq', '=', 2).executeTakeFirstOrThrow();
  await sql`INSERT INTO audit_log (seq, at, actor, action, subject_type, subject_id, detail, prev_hash, hash)
            VALUES (3, now(), 'forger', 'contact.update', null, null, '{}', ${two.hash}, ${'f'.repeat(64)})`.execute(h.db);
  const r = await repos.audit.verify();
  assert.equal(r.ok, false);
  assert.equal(r.problem?.seq, 3);
});

test('a deleted middle entry is detected', { timeout: 60_000 }, async () => {
  await sql`DELETE FROM audit_log WHERE seq = 3`.execute(h.db);
  const r = await repos.audit.verify();
  assert.equal(r.ok, false);
  assert.equal(r.problem?.seq, 3);
  assert.match(r.problem!.reason, /missing|deleted/);
});

test('a deleted middle entry with the later ones renumbered is detected by the broken link', { timeout: 60_000 }, async () => {
  await sql`DELETE FROM audit_log WHERE seq = 3`.execute(h.db);
  for (const seq of [4, 5]) await sql`UPDATE audit_log SET seq = ${seq - 1} WHERE seq = ${seq}`.execute(h.db);
  const r = await repos.audit.verify();
  assert.equal(r.ok, false);
  assert.equal(r.problem?.seq, 3);
});

test('the newest entries deleted are detected through the head', { timeout: 60_000 }, async () => {
  await sql`DELETE FROM audit_log WHERE seq >= 4`.execute(h.db);
  const r = await repos.audit.verify();
  assert.equal(r.ok, false);
  assert.equal(r.entries, 3);
  assert.match(r.problem!.reason, /newest entries were deleted/);
});
