import type { Config } from '../config/config.js';
import { migrate, openDatabase } from '../storage/database.js';
import { createRepositories, type Repositories } from '../storage/repositories/index.js';

/**
 * Opens the database for a one-shot command. With the embedded database this fails with a clear error
 * naming the running server when one holds it (PGlite is single-process).
 */
export async function withRepositories<T>(config: Config, fn: (repos: Repositories) => Promise<T>): Promise<T> {
  const h = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir });
  try {
    await migrate(h.db);
    return await fn(createRepositories(h.db, config.security.secretHashKey));
  } finally {
    await h.close();
  }
}
