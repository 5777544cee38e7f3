import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { closedPort } from '../support/closed-port.js';
import { TEST_SECRET_HASH_KEY } from '../support/run-cli.js';
import { bundledNodeArgs } from '../support/bundled-node-args.js';
import { startPrivateRedis } from '../support/private-redis.js';
import { waitFor } from '../support/wait-for.js';
import { createTestDatabase } from '../support/test-database.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** What /readyz last answered, for a failure message. */
let lastReady = 'nothing yet';

async function readyStatus(port: number): Promise<number> {
  const asked = Date.now();
  try {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(3000) });
    lastReady = `${res.status} ${await res.text()} after ${Date.now() - asked} ms`;
    return res.status;
  } catch (e) {
    lastReady = `no answer after ${Date.now() - asked} ms (${(e as Error).message})`;
    return 0;
  }
}

test(
  'while Redis is down, `kinline serve` at the default log level writes throttled JSON warnings and no stack traces, and is ready again when Redis is back',
  // Longer than the sum of the waits below (207 s), so a step that never comes fails naming itself.
  { timeout: 300_000 },
  async () => {
    const redis = await startPrivateRedis();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinline-outage-'));
    const database = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
    if (!database) await (await createTestDatabase({ dataDir: dir })).close();
    const port = await closedPort();
    const server = spawn(process.execPath, [...(await bundledNodeArgs('src/bin/kinline.ts')), 'serve'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        REDIS_URL: redis.url,
        REDIS_PREFIX: `kltest:${randomBytes(4).toString('hex')}`,
        SECRET_HASH_KEY: TEST_SECRET_HASH_KEY,
        DATA_DIR: dir,
        ...(database ? { DATABASE_URL: database.url } : {}),
        PORT: String(port),
        PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    server.stdout.on('data', (d) => (stdout += d));
    server.stderr.on('data', (d) => (stderr += d));
    const exited = new Promise<number | null>((r) => server.on('exit', (code) => r(code)));
    // A wait that times out says what /readyz last answered, whether the server is still running, and how its
    // output ends.
    const explain = (e: Error): never => {
      const state = server.exitCode !== null || server.signalCode !== null ? `exited (${server.exitCode ?? server.signalCode})` : 'running';
      throw new Error(
        `${e.message}; /readyz last answered ${lastReady}; the server is ${state}; stderr ends: ${stderr.slice(-1500)}; the log ends: ${stdout.slice(-1500)}`,
      );
    };
    try {
      await waitFor('serve to be ready', async () => (await readyStatus(port)) === 200, 60_000).catch(explain);
      const before = stdout.length;

      await redis.stop();
      await waitFor('/readyz to report Redis unreachable', async () => (await readyStatus(port)) === 503, 45_000).catch(explain);
      // Twelve seconds down: ioredis and BullMQ retry many times a second; each source may say so once per
      // 30 seconds.
      await new Promise((r) => setTimeout(r, 12_000));
      const during = stdout.slice(before);

      await redis.restart();
      await waitFor('serve to be ready again once Redis is back', async () => (await readyStatus(port)) === 200, 60_000).catch(explain);
      // The restarted Redis is empty: the worker notices on its own timer and puts its repeating jobs back.
      await waitFor(
        'the worker to notice that Redis lost its data',
        async () => /Redis lost its data/.test(stdout.slice(before)),
        30_000,
      ).catch(explain);

      const lines = during.split('\n').filter(Boolean);
      const entries = lines.map((l) => {
        try {
          return JSON.parse(l) as { level: number; msg: string };
        } catch {
          assert.fail(`a log line during the outage is not JSON: ${l.slice(0, 200)}`);
        }
      });
      const warnings = entries.filter((e) => e.level === 40);
      assert.ok(warnings.length > 0, 'the outage is reported');
      const perMessage = new Map<string, number>();
      for (const w of warnings) perMessage.set(w.msg, (perMessage.get(w.msg) ?? 0) + 1);
      for (const [msg, n] of perMessage) assert.ok(n <= 2, `"${msg}" was logged ${n} times in 12 s`);
      assert.ok(
        warnings.some((w) => /redis:unavailable/.test(w.msg)),
        `the Redis warning is among ${[...perMessage.keys()].join(' | ')}`,
      );
      assert.ok(lines.length <= 12, `${lines.length} log lines in 12 s of outage`);
      assert.doesNotMatch(stdout + stderr, /\n\s+at .+:\d+:\d+\)?\n/, 'no stack trace reaches the output');
      const stderrLines = stderr.split('\n').filter(Boolean);
      assert.ok(
        stderrLines.every((l) => /^kinline \w+ listening on /.test(l)),
        `standard error holds only the start-up line: ${stderr.slice(0, 500)}`,
      );
    } finally {
      server.kill('SIGTERM');
      // The server stops within 30 s of SIGTERM: cleanly, or after its 15 s stop limit when a BullMQ worker's close
      // hangs on a client still reconnecting. If it does not, it is killed, and the test says so with its log.
      const stopped = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 30_000))]);
      if (!stopped) {
        server.kill('SIGKILL');
        await exited;
      }
      assert.ok(stopped, `kinline serve did not stop within 30 s of SIGTERM; its log ends: ${stdout.slice(-1500)}`);
      await redis.stop();
      await database?.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);
