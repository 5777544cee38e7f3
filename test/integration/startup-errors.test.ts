import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { closedPort } from '../support/closed-port.js';
import { runCli, TEST_SECRET_HASH_KEY } from '../support/run-cli.js';
import { bundledNodeArgs } from '../support/bundled-node-args.js';
import { createRedis } from '../../src/redis/create-redis.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';
import { TEST_REDIS_URL } from '../support/test-redis-url.js';
import { createTestDatabase } from '../support/test-database.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

test('serve with Redis unreachable exits non-zero with one line naming the URL and how to start Redis', { timeout: 120_000 }, async () => {
  const port = await closedPort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinline-noredis-'));
  try {
    const r = await runCli(['serve'], { REDIS_URL: `redis://127.0.0.1:${port}`, DATA_DIR: dir, PORT: '0', DATABASE_URL: undefined });
    assert.notEqual(r.code, 0);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.match(lines[0], new RegExp(`redis://127\\.0\\.0\\.1:${port}`));
    assert.match(lines[0], /redis-server|docker run/);
    assert.match(lines[0], /ECONNREFUSED/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a bad variable stops start-up with one line naming it, exit code 2', { timeout: 120_000 }, async () => {
  const r = await runCli(['serve'], { PORT: 'eighty', DATABASE_URL: undefined });
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^kinline: configuration error: PORT \("eighty"\) [^\n]+\n$/);
});

test(
  'a second process opening the same embedded database gets a clear error naming the running server',
  { timeout: 120_000, skip: process.env.DATABASE_URL ? 'embedded PGlite only' : false },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinline-lock-'));
    await (await createTestDatabase({ dataDir: dir })).close(); // migrated: serve starts without initdb
    const port = await closedPort();
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      REDIS_URL: TEST_REDIS_URL,
      LOG_LEVEL: 'silent',
      SECRET_HASH_KEY: TEST_SECRET_HASH_KEY,
      DATA_DIR: dir,
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      REDIS_PREFIX: `kltest:${randomBytes(4).toString('hex')}`,
    };
    const server = spawn(process.execPath, [...(await bundledNodeArgs('src/bin/kinline.ts')), 'serve'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<number | null>((r) => server.on('exit', (code) => r(code)));
    try {
      let stderr = '';
      await new Promise<void>((resolve, reject) => {
        server.stderr.on('data', (d) => {
          stderr += d;
          if (stderr.includes('listening')) resolve();
        });
        void exited.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
      });
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      assert.equal(res.status, 200);

      const second = await runCli(['db', 'migrate'], { DATA_DIR: dir, DATABASE_URL: undefined });
      assert.equal(second.code, 1);
      const lines = second.stderr.trim().split('\n');
      assert.equal(lines.length, 1, second.stderr);
      assert.match(lines[0], /open in another kinline process/);
      assert.match(lines[0], new RegExp(`pid ${server.pid}`));
      assert.match(lines[0], new RegExp(`server http://127\\.0\\.0\\.1:${port}`));
      assert.match(lines[0], /DATABASE_URL/);
    } finally {
      server.kill('SIGTERM');
      assert.equal(await exited, 0, 'serve stops cleanly on SIGTERM');
      assert.equal(fs.existsSync(path.join(dir, 'kinline.lock')), false, 'the lock is released on stop');
      fs.rmSync(dir, { recursive: true, force: true });
      // The server's workers may have left queue keys under the unique prefix.
      const redis = createRedis(TEST_REDIS_URL);
      await deleteKeysByPrefix(redis, env.REDIS_PREFIX);
      redis.disconnect();
    }
  },
);
