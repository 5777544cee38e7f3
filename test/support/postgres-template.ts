import pg from 'pg';
import { migrate, openDatabase } from '../../src/storage/database.js';
import { migrationSetHash } from './migration-set-hash.js';

const PREFIX = 'kinline_template_';
/** Templates of this many migration sets stay (checkouts of different branches share the server). */
const KEEP = 3;
/** One advisory lock for every test file on the server: one builds a template, the others wait for it. */
const LOCK_KEY = 0x6b6c7465; // 'klte'

const withDatabase = (serverUrl: string, name: string) => {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

async function build(serverUrl: string, admin: pg.Client, name: string): Promise<void> {
  // Built under another name and renamed when complete, so no file ever copies a half-migrated template;
  // a leftover of a builder that died is dropped (the lock says no one else is building).
  const building = `${name}_building`;
  await admin.query(`DROP DATABASE IF EXISTS ${building} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${building}`);
  const h = await openDatabase({ url: withDatabase(serverUrl, building), poolSize: 1 });
  try {
    await migrate(h.db);
  } finally {
    await h.close();
  }
  await admin.query(`ALTER DATABASE ${building} RENAME TO ${name}`);
  const { rows } = await admin.query<{ datname: string }>(
    `SELECT datname FROM pg_database WHERE datname LIKE '${PREFIX}%' AND datname NOT LIKE '%\\_building' ORDER BY oid DESC OFFSET ${KEEP}`,
  );
  for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
}

/**
 * The name of a migrated, empty database on the server to copy test databases from (CREATE DATABASE …
 * TEMPLATE). One per migration set, named after it: built by the first test file that needs it and reused
 * by every later file and run; the newest few sets are kept, older ones dropped.
 */
export async function postgresTemplate(serverUrl: string): Promise<string> {
  const name = `${PREFIX}${migrationSetHash()}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await build(serverUrl, admin, name);
    return name;
  } finally {
    await admin.end(); // ends the session, and with it the lock
  }
}
