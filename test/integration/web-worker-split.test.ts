import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { AppContext } from '../../src/app-context.js';
import { createRepositories } from '../../src/storage/repositories/index.js';
import { createRedis } from '../../src/redis/create-redis.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';
import { createTestDatabase } from '../support/test-database.js';
import { TEST_REDIS_URL } from '../support/test-redis-url.js';
import { bundledNodeArgs } from '../support/bundled-node-args.js';
import { seedCallFixture } from '../support/call-fixture.js';
import { waitFor } from '../support/wait-for.js';

// The split deployment without Docker: `serve --role web` and `serve --role worker` as two processes on one
// PostgreSQL database and one Redis, without Twilio credentials. The web process hosts the simulated carrier;
// the worker places its calls there, so the supervisor's barge and end, sent to the web, reach them.
const SERVER = process.env.DATABASE_URL ?? process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECRET = 'split-test-secret-hash-key-0123456789abcdef';
const prefix = `kltest:${randomBytes(4).toString('hex')}`;
const children: ChildProcess[] = [];
let dropDatabase: (() => Promise<void>) | undefined;

after(
  async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)));
    await dropDatabase?.();
    const redis = createRedis(TEST_REDIS_URL);
    await redis.connect();
    await deleteKeysByPrefix(redis, prefix);
    redis.disconnect();
  },
  { timeout: 60_000 },
);

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await c.connect();
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** `kinline serve --role <role>` as a child process; resolves once it says it is running. */
async function serve(role: 'web' | 'worker', env: Record<string, string>): Promise<ChildProcess> {
  const p = spawn(process.execPath, [...(await bundledNodeArgs('src/bin/kinline.ts')), 'serve', '--role', role], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(p);
  return new Promise((resolve, reject) => {
    let out = '';
    const seen = (d: Buffer) => {
      out += String(d);
      if (/kinline (web listening|worker running)/.test(out)) resolve(p);
    };
    p.stdout!.on('data', seen);
    p.stderr!.on('data', seen);
    p.on('exit', (code) => reject(new Error(`kinline ${role} exited ${code}: ${out.slice(-2000)}`)));
  });
}

test(
  'web and worker as two processes on PostgreSQL: the worker places the call, the web barges and ends it',
  { timeout: 240_000 },
  async (t) => {
    // A laptop with only Redis may run the suite (README quick start): with no PostgreSQL named and none at the
    // default address, this test skips. A named one (DATABASE_URL, or TEST_PG_URL as .ci/run sets) must answer.
    const named = Boolean(process.env.DATABASE_URL ?? process.env.TEST_PG_URL);
    if (!named && !(await reachable(SERVER))) return void t.skip(`no PostgreSQL server at ${SERVER} (set TEST_PG_URL)`);
    const database = await createTestDatabase({ serverUrl: SERVER });
    dropDatabase = () => database.close();
    const repos = createRepositories(database.db, SECRET);
    const fx = await seedCallFixture({ repos } as AppContext);
    const token = async (username: string, role: 'operator' | 'supervisor') => {
      const u = await repos.users.create({ username, password: `${username}-password-1`, role });
      return (await repos.users.createApiToken(u.id, 'split test')).token;
    };
    const operator = await token('split.operator', 'operator');
    const supervisor = await token('split.supervisor', 'supervisor');

    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      NODE_ENV: 'development',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_BASE_URL: base,
      DATABASE_URL: database.url!,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      SECRET_HASH_KEY: SECRET,
      LOG_LEVEL: 'warn',
    };
    await serve('web', env);
    await serve('worker', env);

    const api = async (method: string, path: string, bearer: string, body?: unknown) => {
      const res = await fetch(`${base}/api${path}`, {
        method,
        headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    const requested = await api('POST', '/call-requests', operator, {
      detaineeReference: fx.reference,
      contactPhone: fx.contactPhone,
      earliest: new Date(),
      maxMinutes: 10,
    });
    assert.equal(requested.status, 201, JSON.stringify(requested.body));
    const approved = await api('POST', `/call-requests/${requested.body.id}/approve`, supervisor, {
      startAt: new Date(Date.now() + 1_000),
      facilityLine: fx.facilityLine,
      supervisorPhone: fx.supervisorPhone,
      reason: 'approved',
    });
    assert.equal(approved.status, 201, JSON.stringify(approved.body));
    const callId = approved.body.callId as string;
    const view = async () => (await api('GET', `/calls/${callId}`, operator)).body;

    // Only the worker runs the queue: the call reaches the carrier hosted by the web and is bridged there.
    await waitFor('the call connected', async () => (await view()).state === 'connected', 90_000).catch(async (e: Error) => {
      throw new Error(`${e.message}; last seen ${JSON.stringify(await view())}`);
    });
    // The monitor joins muted a moment after the bridge; the web unmutes it on its own carrier.
    const barge = await waitFor(
      'the barge accepted',
      async () => {
        const r = await api('POST', `/calls/${callId}/barge`, supervisor);
        return r.status === 200 ? r : r.body.error === 'monitor_not_joined' ? undefined : r;
      },
      30_000,
    );
    assert.deepEqual(barge.body, { callId, barged: true });
    const ended = await api('POST', `/calls/${callId}/end`, supervisor, { reason: 'rules_breached' });
    assert.equal(ended.status, 200, JSON.stringify(ended.body));

    const done = await waitFor('the call completed', async () => {
      const v = await view();
      return v.state === 'completed' ? v : undefined;
    });
    assert.match(String(done.finalReason), /^ended_by_supervisor:rules_breached/);
    const kinds = (done.events as Array<{ kind: string }>).map((e) => e.kind);
    for (const k of ['scheduled', 'barged', 'ended_by_supervisor']) assert.ok(kinds.includes(k), `${k} in ${kinds.join(' ')}`);
  },
);
