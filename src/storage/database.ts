import path from 'node:path';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations/index.js';
import { acquireLock, announceServer } from './embedded-lock.js';

export { EmbeddedDatabaseBusyError, readLock, type LockInfo } from './embedded-lock.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** The embedded database's directory while this process holds its lock; undefined otherwise. */
  lockedDir?: string;
  /** Writes the server's URL into the lock (embedded database only), once the server listens. */
  announceServer(url: string): void;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** postgres://… for a server; unset for embedded PGlite. */
  url?: string;
  /** Where PGlite keeps its files; `memory://` keeps them in memory (tests). */
  dataDir?: string;
  /** Written into the PGlite lock so a second process can name the running server. */
  serverUrl?: string | null;
  poolSize?: number;
  /** Told about errors of idle pooled connections (PostgreSQL only); they are recoverable. */
  onPoolError?: (e: Error) => void;
  /** PGlite only: a data directory (a dumpDataDir tarball) to start from instead of an empty database. */
  loadDataDir?: Blob;
}

// Dates come back as Date objects from both drivers; `date` columns stay 'YYYY-MM-DD' strings.
pg.types.setTypeParser(1082, (v: string) => v);

export async function openDatabase(opts: DatabaseOptions): Promise<DatabaseHandle> {
  if (opts.url) {
    const pool = new pg.Pool({ connectionString: opts.url, max: opts.poolSize ?? 10 });
    // An idle client dies when PostgreSQL restarts or terminates it; without a listener the pool's 'error'
    // event would crash the process. The pool replaces the client on the next query.
    pool.on('error', (e) => opts.onPoolError?.(e));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, kind: 'postgres', announceServer: () => {}, close: () => db.destroy() };
  }
  const dir = opts.dataDir ?? 'memory://';
  let release = () => {};
  let lockedDir: string | undefined;
  let client: PGlite;
  // PGlite would return `date` columns as Date; keep them as 'YYYY-MM-DD' strings like pg does (above).
  const pgliteOptions = { parsers: { 1082: (v: string) => v }, loadDataDir: opts.loadDataDir };
  if (dir.startsWith('memory://')) {
    client = new PGlite(dir, pgliteOptions);
  } else {
    release = acquireLock(dir, opts.serverUrl ?? null);
    lockedDir = dir;
    try {
      client = new PGlite(path.join(dir, 'pglite'), pgliteOptions);
    } catch (e) {
      release();
      throw e;
    }
  }
  await client.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return {
    db,
    kind: 'pglite',
    lockedDir,
    announceServer: (url) => lockedDir && announceServer(lockedDir, url),
    close: async () => {
      await db.destroy();
      // Kysely closes the client only if a query ever ran; an idle one would keep the process alive.
      if (!client.closed) await client.close();
      release();
    },
  };
}

/** Applies every pending migration; returns the names applied. Throws with the failing migration's name. */
export async function migrate(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${(error as Error).message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
