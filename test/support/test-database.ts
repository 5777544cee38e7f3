import pg from 'pg';
import { openDatabase, type DatabaseHandle } from '../../src/storage/database.js';
import { createScratchDatabase } from '../../src/storage/scratch-database.js';
import { pgliteTemplate } from './pglite-template.js';
import { postgresTemplate } from './postgres-template.js';
import { waitFor } from './wait-for.js';

/**
 * pg's pool.end() resolves before the server has seen every connection go; dropping the database WITH
 * (FORCE) then would end those, and a client still closing would report it as an uncaught error. After
 * 10 s the drop goes ahead and FORCE ends what is left (a child process the test failed to stop).
 */
async function connectionsGone(serverUrl: string, database: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const open = async () => (await admin.query('SELECT 1 FROM pg_stat_activity WHERE datname = $1', [database])).rowCount;
    await waitFor(`the connections to ${database} to close`, async () => !(await open()), 10_000).catch(() => {});
  } finally {
    await admin.end();
  }
}

/**
 * A fresh, migrated database for one test file, copied from a template migrated once per migration set:
 * in-memory PGlite by default (or in `dataDir`, for a child process to open once this one has closed it),
 * or a new database on the PostgreSQL server named by DATABASE_URL (dropped again on close). CI runs the
 * suite both ways.
 */
export async function createTestDatabase(
  /** `serverUrl`: a PostgreSQL server to use even when DATABASE_URL is unset (a test that needs PostgreSQL). */
  o: { dataDir?: string; serverUrl?: string } = {},
): Promise<DatabaseHandle & { url: string | undefined }> {
  const serverUrl = o.serverUrl ?? process.env.DATABASE_URL;
  if (!serverUrl) {
    const h = await openDatabase({ dataDir: o.dataDir ?? 'memory://', loadDataDir: await pgliteTemplate() });
    return { ...h, url: undefined };
  }
  const scratch = await createScratchDatabase(serverUrl, 'test', await postgresTemplate(serverUrl));
  const h = await openDatabase({ url: scratch.url, poolSize: 5 });
  return {
    ...h,
    url: scratch.url,
    async close() {
      await h.close();
      await connectionsGone(serverUrl, new URL(scratch.url).pathname.slice(1));
      await scratch.drop();
    },
  };
}

export const databaseKind = () => (process.env.DATABASE_URL ? 'postgres' : 'pglite');
