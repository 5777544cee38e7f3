/**
 * One side of the webhook benchmark, in its own process so the load generator does not share its CPU:
 * `kinline` (the real app: buildContext + createApp, embedded PGlite in memory, real Redis) or `baseline`.
 * Talks to the parent over IPC: sends { ready, port, seeds }, answers { cmd: 'mem' } and { cmd: 'stop' }.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createBaselineApp } from './baseline-app.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';
import { createScratchDatabase } from '../../src/storage/scratch-database.js';

const kind = process.argv[2];
const AUTH_TOKEN = 'bench-auth-token';
const server = http.createServer();
// Idle keep-alive connections stay open: the open loop's pool keeps some idle for minutes in a long soak.
server.keepAliveTimeout = 0;
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
let close = async () => {};
let seeds: Array<{ reference: string; secret: string }> = [];

if (kind === 'baseline') {
  server.on('request', createBaselineApp(AUTH_TOKEN, base));
} else {
  const { loadConfig } = await import('../../src/config/config.js');
  const { buildContext } = await import('../../src/build-context.js');
  const { createApp } = await import('../../src/http/create-app.js');
  const prefix = `klbench:${randomBytes(4).toString('hex')}`;
  // BENCH_DATABASE_URL=postgres://... runs kinline on a fresh PostgreSQL database (dropped afterwards).
  let databaseUrl = '';
  let dropDatabase = async () => {};
  if (process.env.BENCH_DATABASE_URL) {
    const scratch = await createScratchDatabase(process.env.BENCH_DATABASE_URL, 'bench');
    databaseUrl = scratch.url;
    dropDatabase = scratch.drop;
  }
  // Operators at work for the whole run (hours from an hour ago to three hours on, in the configured zone):
  // the heavier case, where "0" queues the call, which ends the flow and writes its log. BENCH_OPERATORS=closed
  // measures the night instead, when "0" offers a callback. Without this the figures would depend on the hour.
  // OPERATOR_HOURS_START and _END from the environment are replaced; OPERATOR_TIME_ZONE is kept.
  const zone = process.env.OPERATOR_TIME_ZONE ?? 'Europe/Kyiv';
  const at = (hours: number) => new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(Date.now() + hours * 3600_000);
  const open = process.env.BENCH_OPERATORS !== 'closed';
  const config = loadConfig({
    ...process.env,
    OPERATOR_TIME_ZONE: zone,
    OPERATOR_HOURS_START: open ? at(-1) : at(1),
    OPERATOR_HOURS_END: open ? at(3) : at(2),
    PUBLIC_BASE_URL: base,
    TWILIO_AUTH_TOKEN: AUTH_TOKEN,
    TWILIO_ACCOUNT_SID: `AC${'b'.repeat(32)}`,
    TWILIO_HOTLINE_NUMBER: '+380441230000',
    REDIS_PREFIX: prefix,
    LOG_LEVEL: 'silent',
    DATABASE_URL: databaseUrl,
    SECRET_HASH_KEY: 'bench-secret-hash-key-0123456789abcdef0123',
  });
  const ctx = await buildContext(config, { dataDir: 'memory://' });
  // Realistic limits would route most of a benchmark to the operator; the mix needs the lookups to run.
  ctx.hotlineLimits = { perCaller: 1_000_000, perReference: 1_000_000, global: 1_000_000 };
  for (let i = 0; i < 200; i++) {
    const d = await ctx.repos.detainees.create({ familyName: 'Bench', givenName: `N${i}`, status: 'held', healthCategory: 'good' });
    const secret = String(1000 + i);
    const c = await ctx.repos.contacts.create({ detaineeId: d.id, name: 'C', relationship: 'mother', phone: `+7916${String(3000000 + i)}`, timeZone: 'Europe/Moscow', secret });
    for (const scope of ['held', 'health'] as const) await ctx.repos.consent.append({ contactId: c.id, scope, granted: true, language: 'ru', witness: 'bench' });
    seeds.push({ reference: d.reference, secret });
  }
  server.on('request', createApp(ctx));
  close = async () => {
    await deleteKeysByPrefix(ctx.redis, prefix);
    await ctx.close();
    await dropDatabase();
  };
}

process.on('message', async (m: { cmd: string }) => {
  if (m.cmd === 'mem') {
    (globalThis as { gc?: () => void }).gc?.();
    const u = process.memoryUsage();
    const cpu = process.cpuUsage();
    process.send!({ mem: { rssMiB: Math.round(u.rss / 1048576), heapMiB: Math.round(u.heapUsed / 1048576), cpuMs: (cpu.user + cpu.system) / 1000 } });
  } else if (m.cmd === 'stop') {
    server.closeAllConnections();
    server.close();
    await close();
    process.exit(0);
  }
});
process.send!({ ready: true, base, authToken: AUTH_TOKEN, seeds });
