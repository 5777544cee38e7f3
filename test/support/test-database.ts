import { migrate, openDatabase, type DatabaseHandle } from '../../src/storage/database.js';
import { createScratchDatabase } from '../../src/storage/scratch-database.js';

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
  const scratch = await createScratchDatabase(serverUrl, 'test');
  const h = await openDatabase({ url: scratch.url, poolSize: 5 });
  await migrate(h.db);
  return {
    ...h,
    url: scratch.url,
    async close() {
      await h.close();
      await scratch.drop();
    },
  };
}

export const databaseKind = () => (process.env.DATABASE_URL ? 'postgres' : 'pglite');
