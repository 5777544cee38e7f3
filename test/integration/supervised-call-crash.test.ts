import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../src/config/config.js';
import type { AppContext } from '../../src/app-context.js';
import { createLogger } from '../../src/shared/logger.js';
import { systemClock } from '../../src/shared/clock.js';
import { createRepositories } from '../../src/storage/repositories/index.js';
import type { DatabaseHandle } from '../../src/storage/database.js';
import { createRedis } from '../../src/redis/create-redis.js';
import { createMetrics } from '../../src/shared/metrics.js';
import { createCallQueues } from '../../src/queue/call-queues.js';
import { scheduleCall } from '../../src/calls/schedule-call.js';
import { SimulatedCarrier } from '../../src/telephony/simulated/simulated-carrier.js';
import { simulatedCarrierServer } from '../../src/telephony/simulated/simulated-carrier-server.js';
import { createTestDatabase } from '../support/test-database.js';
import { TEST_REDIS_URL } from '../support/test-redis-url.js';
import { bundledNodeArgs } from '../support/bundled-node-args.js';
import { seedCallFixture, type CallFixture } from '../support/call-fixture.js';
import { waitFor } from '../support/wait-for.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';

const SID = `AC${'cd'.repeat(16)}`;
const TOKEN = 'crash-test-auth-token';
const prefix = `kltest:${randomBytes(4).toString('hex')}`;

async function freePort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

let carrier: SimulatedCarrier;
let carrierHttp: http.Server;
let child: ChildProcess | undefined;
let dataDir: string | undefined;
let pgUrl: string | undefined;
let closeDb: (() => Promise<void>) | undefined;
const held: Array<{ to: string; release: (place: boolean) => void }> = [];
let holdFor = new Set<string>();

before(
  async () => {
    carrier = new SimulatedCarrier({ accountSid: SID, authToken: TOKEN, ringMs: 10, amdMs: 20, pauseUnitMs: 100, connectRetries: 120 });
    carrierHttp = http.createServer(
      simulatedCarrierServer(carrier, {
        // Holds chosen CreateCall requests until the test decides: placed (the carrier got it) or dropped.
        beforeCreateCall: (p) => {
          const to = String(p.To);
          if (!holdFor.has(to)) return Promise.resolve();
          holdFor.delete(to);
          return new Promise<void>((resolve, reject) =>
            held.push({ to, release: (place) => (place ? resolve() : reject(new Error('dropped'))) }),
          );
        },
      }),
    );
    await new Promise<void>((r) => carrierHttp.listen(0, '127.0.0.1', r));
  },
  { timeout: 120_000 },
);

after(
  async () => {
    child?.kill('SIGKILL');
    carrier.shutdown();
    carrierHttp.closeAllConnections();
    await new Promise<void>((r) => carrierHttp.close(() => r()));
    await closeDb?.();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    const redis = createRedis(TEST_REDIS_URL);
    await redis.connect();
    await deleteKeysByPrefix(redis, prefix);
    redis.disconnect();
  },
  { timeout: 60_000 },
);

async function startChild(env: Record<string, string>): Promise<ChildProcess> {
  const p = spawn(process.execPath, await bundledNodeArgs('test/support/call-worker-child.ts'), {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    p.stdout!.on('data', (d) => {
      out += String(d);
      if (out.includes('READY')) resolve(p);
    });
    p.stderr!.on('data', (d) => (out += String(d)));
    p.on('exit', (code) => reject(new Error(`child exited ${code}: ${out.slice(-2000)}`)));
  });
}

describe('a worker killed with SIGKILL while dialling', () => {
  it('loses no call and dials none twice after restart', { timeout: 300_000 }, async () => {
    const port = await freePort();
    const env: Record<string, string> = {
      PORT: String(port),
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_AUTH_TOKEN: TOKEN,
      TWILIO_HOTLINE_NUMBER: '+380441230000',
      TWILIO_API_BASE_URL: `http://127.0.0.1:${(carrierHttp.address() as AddressInfo).port}`,
      TWILIO_CALLS_PER_SECOND: '20',
      SECRET_HASH_KEY: 'test-secret-hash-key-0123456789abcdef0123',
      KL_CALL_OPTIONS: JSON.stringify({ interruptedVerifyMs: 2_000, retryDelaysMs: [300] }),
    };
    // The database the child will use, seeded here first.
    let database: DatabaseHandle;
    if (process.env.DATABASE_URL) {
      const t = await createTestDatabase();
      database = t;
      pgUrl = t.url;
      env.DATABASE_URL = pgUrl!;
      closeDb = () => t.close();
    } else {
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-crash-'));
      env.DATA_DIR = dataDir;
      delete process.env.DATABASE_URL;
      database = await createTestDatabase({ dataDir });
    }
    const config = loadConfig(env);
    const redis = createRedis(config.redis.url);
    await redis.connect();
    const ctx: AppContext = {
      config,
      logger: createLogger('silent'),
      clock: systemClock,
      repos: createRepositories(database.db, config.security.secretHashKey),
      redis,
      metrics: createMetrics(),
    };
    ctx.callQueues = await createCallQueues(config);
    const user = await ctx.repos.users.create({ username: 'sup', password: 'supervisor-password', role: 'supervisor' });
    const token = (await ctx.repos.users.createApiToken(user.id, 'crash-test')).token;
    const fixtures: CallFixture[] = [];
    const callIds: string[] = [];
    for (let i = 0; i < 4; i++) {
      const fx = await seedCallFixture(ctx);
      fixtures.push(fx);
      carrier.script(fx.contactPhone, { answer: 'answer', digits: ['1', '1'], hangupAfterJoinMs: 1_000 });
      // Two calls due now (their dials are held and the worker dies mid-request); two due during the outage.
      const c = await scheduleCall(
        ctx,
        {
          detaineeId: fx.detaineeId,
          contactId: fx.contactId,
          startAt: new Date(Date.now() + (i < 2 ? 0 : 2_500)),
          facilityLine: fx.facilityLine,
          supervisorPhone: fx.supervisorPhone,
          maxMinutes: 10,
          language: 'ru',
        },
        'sup',
      );
      callIds.push(c.id);
    }
    holdFor = new Set([fixtures[0].facilityLine, fixtures[1].facilityLine]);
    await ctx.callQueues.close();
    redis.disconnect();
    if (!pgUrl) await database.close(); // PGlite: one process at a time (releases the lock)

    child = await startChild(env);
    await waitFor('both dials held at the carrier', async () => held.length === 2, 20_000);
    child.kill('SIGKILL');
    await new Promise((r) => child!.once('exit', r));
    // The carrier had received the first request in full (it places the call); the second never arrived.
    held.find((x) => x.to === fixtures[0].facilityLine)!.release(true);
    held.find((x) => x.to === fixtures[1].facilityLine)!.release(false);

    child = await startChild(env);
    const get = async (id: string) => {
      const res = await fetch(`http://127.0.0.1:${port}/api/calls/${id}`, { headers: { authorization: `Bearer ${token}` } });
      return (await res.json()) as { state: string; attempts: number; finalReason: string; events: Array<{ kind: string }> };
    };
    // Generous: on a loaded CI machine the restarted worker's recovery and four calls took over 40 s once.
    for (const id of callIds) {
      await waitFor(`call ${id} completed`, async () => (await get(id)).state === 'completed', 75_000).catch(async (e: Error) => {
        const last = await get(id);
        throw new Error(
          `${e.message}; last seen: state ${last.state}, attempts ${last.attempts}, events ${last.events.map((x) => x.kind).join(' ')}`,
        );
      });
    }
    for (const fx of fixtures) {
      assert.equal(carrier.dialsTo(fx.facilityLine), 1, 'facility line dialled exactly once');
      assert.equal(carrier.dialsTo(fx.contactPhone), 1, 'relative dialled exactly once');
    }
    const first = await get(callIds[0]);
    assert.equal(first.attempts, 1, 'the placed call was recovered from its callbacks, not redialled');
    // The dying worker never saw the carrier's answer: the SID came from the carrier's callbacks.
    assert.ok(!first.events.some((e) => e.kind === 'facility_dialled'));
    assert.ok(first.events.some((e) => e.kind === 'leg_facility_initiated'));
    const second = await get(callIds[1]);
    assert.equal(second.attempts, 2, 'the unplaced attempt ended as interrupted and the next attempt dialled');
    assert.ok(second.events.some((e) => e.kind === 'attempt_ended'));
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
    child = undefined;
  });
});
