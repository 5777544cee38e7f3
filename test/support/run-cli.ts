import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTestDatabase } from './test-database.js';
import { openDatabase } from '../../src/storage/database.js';
import { createRepositories, type Repositories } from '../../src/storage/repositories/index.js';
import { TEST_REDIS_URL } from './test-redis-url.js';
import { bundledNodeArgs } from './bundled-node-args.js';

export const TEST_SECRET_HASH_KEY = 'cli-test-secret-hash-key-0123456789abcdef';
const ROOT = path.resolve(import.meta.dirname, '../..');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `kinline …` in a child process, as a person would, and collects its output. */
export async function runCli(args: string[], env: Record<string, string | undefined>, stdin?: string): Promise<CliResult> {
  const kinline = await bundledNodeArgs('src/bin/kinline.ts');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...kinline, ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        REDIS_URL: TEST_REDIS_URL,
        LOG_LEVEL: 'silent',
        SECRET_HASH_KEY: TEST_SECRET_HASH_KEY,
        ...env,
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

/**
 * A migrated database a child process can open: a new PostgreSQL database when DATABASE_URL is set, else
 * a temporary PGlite directory. `withRepos` opens it in this process once the child has exited.
 */
export async function createCliDatabase() {
  if (process.env.DATABASE_URL) {
    const h = await createTestDatabase();
    return {
      env: { DATABASE_URL: h.url },
      withRepos: async <T>(fn: (r: Repositories) => Promise<T>) => fn(createRepositories(h.db, TEST_SECRET_HASH_KEY)),
      close: () => h.close(),
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinline-cli-'));
  await (await createTestDatabase({ dataDir: dir })).close(); // migrated, as `kinline` leaves it on first start
  return {
    env: { DATA_DIR: dir, DATABASE_URL: undefined },
    withRepos: async <T>(fn: (r: Repositories) => Promise<T>) => {
      const h = await openDatabase({ dataDir: dir });
      try {
        return await fn(createRepositories(h.db, TEST_SECRET_HASH_KEY));
      } finally {
        await h.close();
      }
    },
    close: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
