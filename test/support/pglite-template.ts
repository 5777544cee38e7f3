import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { Kysely } from 'kysely';
import { PGlite } from '@electric-sql/pglite';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { migrate } from '../../src/storage/database.js';
import type { Database } from '../../src/storage/schema.js';
import { migrationSetHash } from './migration-set-hash.js';

const FILE_PREFIX = 'kinline-test-pglite-';
const DAY_MS = 24 * 60 * 60 * 1000;

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  return JSON.parse(fs.readFileSync(path.resolve(entry, '../../package.json'), 'utf8')).version;
}

async function migratedDataDir(): Promise<Uint8Array<ArrayBuffer>> {
  const client = new PGlite('memory://');
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  try {
    await migrate(db);
    return new Uint8Array(await (await client.dumpDataDir('none')).arrayBuffer());
  } finally {
    await db.destroy();
  }
}

function readStored(file: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const tar = new Uint8Array(zlib.gunzipSync(fs.readFileSync(file)));
    fs.utimesSync(file, new Date(), new Date()); // in use: not one to clean up
    return tar;
  } catch {
    return undefined; // not built yet for this migration set, or unreadable: built again
  }
}

/** Written under a name of this process and then renamed, so a test file never reads a half-written one. */
function store(file: string, tar: Uint8Array): void {
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, zlib.gzipSync(tar, { level: 1 }));
  fs.renameSync(partial, file);
  // Templates of other migration sets (older checkouts, edited migrations) go after a day unused.
  for (const other of fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(FILE_PREFIX))) {
    const p = path.join(os.tmpdir(), other);
    const stat = fs.statSync(p, { throwIfNoEntry: false });
    if (p !== file && stat && Date.now() - stat.mtimeMs > DAY_MS) fs.rmSync(p, { force: true });
  }
}

let template: Promise<Blob> | undefined;

/**
 * The migrated, empty database as a PGlite data-directory tarball: PGlite starts from it in about a third
 * of the time that initdb and the migrations take. Built once per migration set and kept in the OS temp
 * directory for every later test file and run; read once per process.
 */
export function pgliteTemplate(): Promise<Blob> {
  template ??= (async () => {
    const file = path.join(os.tmpdir(), `${FILE_PREFIX}${pgliteVersion()}-${migrationSetHash()}.tar.gz`);
    let tar = readStored(file);
    if (!tar) {
      tar = await migratedDataDir();
      store(file, tar);
    }
    return new Blob([tar]);
  })();
  return template;
}
