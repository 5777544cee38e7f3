import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestDatabase } from '../support/test-database.js';
import { seedDetainee } from '../support/hotline-seed.js';
import { createRepositories } from '../../src/storage/repositories/index.js';
import type { AppContext } from '../../src/app-context.js';
import { prepareQuery } from '../../src/storage/prepared-query.js';
import { buildStatusFacts, findStatusFacts, statusFactsQuery } from '../../src/hotline/find-status-facts.js';

// Against a real database (PGlite, or PostgreSQL with DATABASE_URL): the prepared SQL must run on both drivers.
let h: Awaited<ReturnType<typeof createTestDatabase>>;
let ctx: AppContext;
const refs: string[] = [];

before(async () => {
  h = await createTestDatabase();
  ctx = { repos: createRepositories(h.db, 'prepared-test-key-0123456789abcdef0123') } as AppContext;
  refs.push((await seedDetainee(ctx, { consent: ['held', 'health'], health: 'fair' })).reference);
  refs.push((await seedDetainee(ctx, { consent: ['held', 'calls'], revoked: ['held'], blocked: true })).reference);
  refs.push((await seedDetainee(ctx, { secret: null, consent: [] })).reference);
  // A second contact with its own ledger on the first detainee.
  const d = await ctx.repos.detainees.findByReference(refs[0]);
  const c = await ctx.repos.contacts.create({ detaineeId: d!.id, name: 'Olga', relationship: 'sister', phone: '+79161114455', timeZone: 'Europe/Moscow', secret: '7777', blocked: false });
  await ctx.repos.consent.append({ contactId: c.id, scope: 'messages', granted: true, language: 'ru', witness: 'w' });
});
after(() => h.close());

describe('prepareQuery', () => {
  it('gives the same rows as the builder query, for known and unknown references', async () => {
    for (const reference of [...refs, 'NO-SUCH-REF']) {
      const built = await buildStatusFacts(h.db, { references: [reference] }).execute();
      const prepared = await statusFactsQuery.execute(h.db, { references: [reference] });
      assert.deepEqual(prepared.rows, built, reference);
      if (reference !== 'NO-SUCH-REF') assert.ok(built.length > 0);
    }
    const facts = await findStatusFacts(h.db, refs[0]);
    assert.equal(facts.contacts.length, 2);
    assert.deepEqual(facts.contacts[0].consent, { held: true, health: true, messages: false, calls: false });
    assert.deepEqual(facts.contacts[1].consent, { held: false, health: false, messages: true, calls: false });
    assert.deepEqual(await findStatusFacts(h.db, 'NO-SUCH-REF'), { contacts: [] });
  });

  it('status lookups made together share statements and each gets exactly what it gets alone', async () => {
    // Counts the statements run through a handle of its own (each handle has its own lookups in flight).
    let statements = 0;
    const db = h.db.withPlugin({ transformQuery: (a) => a.node, transformResult: async (a) => (statements++, a.result) });
    const asked = Array.from({ length: 40 }, (_, i) => (i % 5 === 4 ? `99${String(i).padStart(8, '0')}` : refs[i % refs.length]));
    const alone: unknown[] = [];
    for (const r of asked) alone.push(await findStatusFacts(db, r));
    assert.equal(statements, 40, 'one after another, each lookup is a statement of its own');
    statements = 0;
    assert.deepEqual(await Promise.all(asked.map((r) => findStatusFacts(db, r))), alone);
    assert.ok(statements <= 3, `${statements} statements for 40 lookups made together`);
    // Several references in one statement: each row says whose it is.
    const { rows } = await statusFactsQuery.execute(h.db, { references: [refs[0], refs[1], '9900000000'] });
    assert.deepEqual(new Set(rows.map((r) => r.reference.trimEnd())), new Set([refs[0], refs[1]]));
  });
  it('keeps the SQL text of the builder and compiles once per database handle', () => {
    const c = statusFactsQuery.compiled(h.db);
    assert.equal(c.sql, buildStatusFacts(h.db, { references: ['x'] }).compile().sql);
    assert.deepEqual(c.inputOrder, ['references']);
    assert.equal(statusFactsQuery.compiled(h.db), c);
  });

  it('maps inputs by position, whatever order the query uses them in', async () => {
    const q = prepareQuery(['b', 'a'], (db, p: { a: number; b: string }) => db.selectNoFrom((eb) => [eb.val(p.a).as('a'), eb.val(p.b).as('b'), sql<string>`${p.b} || ${p.a}`.as('ab')]));
    // `sql` uses b and a again: each input may appear once only, so this one is rejected...
    await assert.rejects(q.execute(h.db, { a: 1, b: 'x' }), /input b appears 2 times/);
    const r = prepareQuery(['b', 'a'], (db, p: { a: string; b: string }) => db.selectNoFrom((eb) => [eb.val(p.a).as('a'), eb.val(p.b).as('b')]));
    assert.deepEqual(r.compiled(h.db).inputOrder, ['a', 'b']);
    assert.deepEqual((await r.execute(h.db, { a: '1', b: '2' })).rows, [{ a: '1', b: '2' }]);
    assert.deepEqual((await r.execute(h.db, { a: '2', b: '2' })).rows, [{ a: '2', b: '2' }]);
  });

  it('throws clearly on a bad placeholder mapping', async () => {
    const base = (db: Parameters<typeof buildStatusFacts>[0]) => db.selectFrom('detainees').select('id');
    // A constant would be frozen at its first value.
    const constant = prepareQuery(['a'], (db, p: { a: string }) => base(db).where('reference', '=', p.a).where('status', '=', 'held'));
    await assert.rejects(constant.execute(h.db, { a: 'x' }), /parameter \$2 is not an input placeholder/);
    // Declared but never used as a parameter.
    const missing = prepareQuery(['a', 'b'], (db, p: { a: string; b: string }) => base(db).where('reference', '=', p.a));
    await assert.rejects(missing.execute(h.db, { a: 'x', b: 'y' }), /input b appears 0 times/);
    const twice = prepareQuery(['a'], (db, p: { a: string }) => base(db).where('reference', '=', p.a).where('family_name', '=', p.a));
    await assert.rejects(twice.execute(h.db, { a: 'x' }), /input a appears 2 times/);
    const undeclared = prepareQuery(['a'], (db, p: { a: string; b: string }) => base(db).where('reference', '=', p.a).where('family_name', '=', p.b));
    await assert.rejects(undeclared.execute(h.db, { a: 'x', b: 'y' }), /input b is not declared/);
    assert.throws(() => prepareQuery(['a', 'a'], (db, p: { a: string }) => base(db).where('reference', '=', p.a)), /duplicate input names/);
  });
});
