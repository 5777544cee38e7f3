import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { migrate, openDatabase } from '../../src/storage/database.js';
import { createScratchDatabase } from '../../src/storage/scratch-database.js';
import { statementName } from '../../src/storage/named-statements.js';
import { statusFactsQuery } from '../../src/hotline/find-status-facts.js';
import { prepareQuery } from '../../src/storage/prepared-query.js';

const skip = process.env.DATABASE_URL ? false : 'needs DATABASE_URL (PostgreSQL); PGlite has no statement cache to fill';

// The hot statements are parsed and planned once per connection (named-statements.ts). Seen from the server:
// pg_prepared_statements lists the named statements of the session that asks.
test('the status query runs as a named statement on PostgreSQL; other queries stay unnamed', { skip }, async () => {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL!, 'test');
  // One connection, so every query below runs in the session that pg_prepared_statements describes.
  const h = await openDatabase({ url: scratch.url, poolSize: 1 });
  try {
    await migrate(h.db);
    const listed = async () => (await sql<{ name: string; statement: string }>`select name, statement from pg_prepared_statements`.execute(h.db)).rows;
    assert.deepEqual(await listed(), [], 'nothing is named before a prepared query runs');
    const first = await statusFactsQuery.execute(h.db, { references: ['7081396985'] });
    const again = await statusFactsQuery.execute(h.db, { references: ['7081396985'] });
    assert.deepEqual(again.rows, first.rows);
    const { sql: text } = statusFactsQuery.compiled(h.db);
    const name = statementName(text);
    assert.match(name ?? '', /^kl_[0-9a-f]{24}$/);
    const rows = await listed();
    assert.equal(rows.length, 1, `one named statement, prepared once for both runs: ${JSON.stringify(rows)}`);
    assert.equal(rows[0].name, name);
    assert.equal(rows[0].statement, text);
    // Unregistered queries (the listing itself, migrations, builders) never fill the cache, nor do prepared
    // queries that did not ask for a name.
    assert.equal(statementName('select name, statement from pg_prepared_statements'), undefined);
    const plain = prepareQuery(['r'], (db, p: { r: string }) => db.selectFrom('detainees').select('id').where('reference', '=', p.r));
    await plain.execute(h.db, { r: '7081396985' });
    assert.equal(statementName(plain.compiled(h.db).sql), undefined);
    assert.equal((await listed()).length, 1);
    // A connection that PostgreSQL loses takes its statements with it; the replacement prepares again.
    const pid = Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(h.db)).rows[0].pid);
    await sql`select pg_terminate_backend(${pid})`.execute(h.db).catch(() => {});
    await new Promise((r) => setTimeout(r, 200));
    let rerun;
    for (let i = 0; i < 3 && !rerun; i++) rerun = await statusFactsQuery.execute(h.db, { references: ['7081396985'] }).catch(() => undefined);
    assert.deepEqual(rerun?.rows, first.rows, 'the statement runs on the new connection');
    assert.equal((await listed()).length, 1);
  } finally {
    await h.close();
    await scratch.drop();
  }
});

test('a migration that changes a returned column re-prepares the statement instead of failing on that connection', { skip }, async () => {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL!, 'test');
  const h = await openDatabase({ url: scratch.url, poolSize: 1 });
  try {
    await migrate(h.db);
    const d = await sql<{ reference: string }>`insert into detainees (reference, family_name, given_name, status) values ('7081396985', 'F', 'G', 'held') returning reference`.execute(h.db).catch(() => undefined);
    const reference = d?.rows[0]?.reference ?? '7081396985';
    const before = await statusFactsQuery.execute(h.db, { references: [reference] });
    // Another instance's migration: PostgreSQL now refuses the cached plan ("cached plan must not change result type").
    await sql`alter table detainees alter column possibly_dead type text using possibly_dead::text`.execute(h.db);
    const after = await statusFactsQuery.execute(h.db, { references: [reference] });
    assert.equal(after.rows.length, before.rows.length);
    const again = await statusFactsQuery.execute(h.db, { references: [reference] });
    assert.deepEqual(again.rows, after.rows, 'and it keeps working as a named statement');
    const names = (await sql<{ name: string }>`select name from pg_prepared_statements`.execute(h.db)).rows.map((r) => r.name);
    assert.deepEqual(names, [statementName(statusFactsQuery.compiled(h.db).sql)]);
  } finally {
    await h.close();
    await scratch.drop();
  }
});

test('DATABASE_NAMED_STATEMENTS=false (namedStatements: false) sends every query unnamed', { skip }, async () => {
  const scratch = await createScratchDatabase(process.env.DATABASE_URL!, 'test');
  const h = await openDatabase({ url: scratch.url, poolSize: 1, namedStatements: false });
  try {
    await migrate(h.db);
    await statusFactsQuery.execute(h.db, { references: ['7081396985'] });
    assert.deepEqual((await sql`select name from pg_prepared_statements`.execute(h.db)).rows, []);
  } finally {
    await h.close();
    await scratch.drop();
  }
});
