import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase } from '../../src/storage/database.js';
import { createScratchDatabase } from '../../src/storage/scratch-database.js';
import { waitFor } from '../support/wait-for.js';

// PostgreSQL restarts or an administrator's pg_terminate_backend kill idle pooled connections; the process
// must survive it and the next query must work (failure is normal).
test(
  'an idle pooled connection killed by the server is reported, not fatal, and replaced',
  { timeout: 60_000, skip: process.env.DATABASE_URL ? false : 'needs DATABASE_URL (PostgreSQL); PGlite has no pool' },
  async () => {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL!, 'test');
    const errors: Error[] = [];
    const h = await openDatabase({ url: scratch.url, poolSize: 1, onPoolError: (e) => errors.push(e) });
    try {
      const pid = Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(h.db)).rows[0].pid);
      const admin = new pg.Client({ connectionString: scratch.url });
      await admin.connect();
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await admin.end();
      await waitFor('the pool to report the lost connection', async () => errors.length > 0);
      assert.equal(errors.length, 1, 'the pool reported the lost connection once');
      assert.match(String(errors[0].message), /terminat/i);
      const after = Number((await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(h.db)).rows[0].pid);
      assert.notEqual(after, pid, 'a new connection serves the next query');
    } finally {
      await h.close();
      await scratch.drop();
    }
  },
);
