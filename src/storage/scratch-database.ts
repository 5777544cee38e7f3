import { randomBytes } from 'node:crypto';
import pg from 'pg';

export interface ScratchDatabase {
  /** postgres:// URL of the new, empty database. */
  url: string;
  /** Drops it, ending any connection still open to it. */
  drop(): Promise<void>;
}

async function admin(serverUrl: string, query: string): Promise<void> {
  const c = new pg.Client({ connectionString: serverUrl });
  await c.connect();
  try {
    await c.query(query);
  } finally {
    await c.end();
  }
}

/**
 * Creates a throw-away database on the PostgreSQL server of `serverUrl`, for a test file or a benchmark
 * that must not touch the server's own databases; a copy of the database `template` when one is named.
 */
export async function createScratchDatabase(serverUrl: string, label = 'scratch', template?: string): Promise<ScratchDatabase> {
  const name = `kinline_${label}_${randomBytes(6).toString('hex')}`;
  await admin(serverUrl, template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
