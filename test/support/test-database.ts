import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { migrate, openDatabase, type DatabaseHandle } from '../../src/storage/database.js';

/**
 * A fresh, migrated database for one test file: in-memory PGlite by default, or a new database on the
 * PostgreSQL server named by DATABASE_URL (dropped again on close). CI runs the suite both ways.
 */
export async function createTestDatabase(): Promise<DatabaseHandle & { url: string | undefined }> {
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const h = await openDatabase({ dataDir: 'memory://' });
    await migrate(h.db);
    return { ...h, url: undefined };
  }
  const name = `kinline_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const h = await openDatabase({ url: u.toString(), poolSize: 5 });
  await migrate(h.db);
  return {
    ...h,
    url: u.toString(),
    async close() {
      await h.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export const databaseKind = () => (process.env.DATABASE_URL ? 'postgres' : 'pglite');
