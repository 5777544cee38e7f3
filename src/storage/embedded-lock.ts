import fs from 'node:fs';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  serverUrl: string | null;
  startedAt: string;
}

export class EmbeddedDatabaseBusyError extends Error {
  constructor(
    public readonly holder: LockInfo,
    dir: string,
  ) {
    super(
      `the embedded database in ${dir} is open in another kinline process (pid ${holder.pid}` +
        (holder.serverUrl ? `, server ${holder.serverUrl}` : '') +
        `, since ${holder.startedAt}). Stop that process, or use its API` +
        (holder.serverUrl ? ` at ${holder.serverUrl}/api` : '') +
        ', or set DATABASE_URL to a PostgreSQL server that several processes can share.',
    );
    this.name = 'EmbeddedDatabaseBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readLock(dir: string): LockInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dir, 'kinline.lock'), 'utf8')) as LockInfo;
    return alive(info.pid) && info.pid !== process.pid ? info : null;
  } catch {
    return null;
  }
}

/**
 * Records in the lock held by this process the URL its server listens on, once it listens, so that a
 * one-shot command started beside it can talk to it instead of opening the database.
 */
export function announceServer(dir: string, serverUrl: string): void {
  const file = path.join(dir, 'kinline.lock');
  try {
    const cur = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
    if (cur.pid === process.pid) fs.writeFileSync(file, JSON.stringify({ ...cur, serverUrl }));
  } catch {
    /* not ours or gone: nothing to announce */
  }
}

/**
 * PGlite is a single-process database: two processes writing the same files corrupt it. The lock file is
 * created exclusively; a lock left by a dead process is taken over.
 */
export function acquireLock(dir: string, serverUrl: string | null): () => void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'kinline.lock');
  const info: LockInfo = { pid: process.pid, serverUrl, startedAt: new Date().toISOString() };
  for (let i = 0; i < 2; i++) {
    try {
      fs.writeFileSync(file, JSON.stringify(info), { flag: 'wx' });
      return () => {
        try {
          const cur = JSON.parse(fs.readFileSync(file, 'utf8')) as LockInfo;
          if (cur.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readLock(dir);
      if (holder) throw new EmbeddedDatabaseBusyError(holder, dir);
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
  }
  throw new Error(`could not create the lock file ${file}`);
}
