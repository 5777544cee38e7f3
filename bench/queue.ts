/**
 * `npm run bench -- queue` (or `node --import tsx bench/queue.ts`): the supervised-call queue under load.
 * 1. 100,000 scheduled-call jobs (kinline's producer: jobId = call id, delayed): enqueue rate and Redis memory
 *    per job, next to raw BullMQ no-op delayed jobs as the baseline.
 * 2. Dial lateness against the due time with the limiter at 10 calls/s and the simulated carrier answering:
 *    LATE_N calls (default 300) due evenly over LATE_N/10 seconds, i.e. exactly at the limit; the facility
 *    answers and the detainee declines, so every dial is a facility dial (a full call adds two more dials).
 *    The same due pattern with raw BullMQ no-op jobs and the same limiter is the baseline.
 * 3. The limiter is checked on the carrier's receipt times: the most dials in any sliding one-second window.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { loadConfig } from '../src/config/config.js';
import { buildContext } from '../src/build-context.js';
import { createApp } from '../src/http/create-app.js';
import { createRedis } from '../src/redis/create-redis.js';
import { enqueuePlaceCall } from '../src/queue/enqueue-place-call.js';
import { scheduleCall } from '../src/calls/schedule-call.js';
import { startCallWorkers, dialLimiter } from '../src/worker/start-call-workers.js';
import { SimulatedCarrier } from '../src/telephony/simulated/simulated-carrier.js';

const TOTAL = Number(process.env.BENCH_QUEUE_TOTAL ?? 100_000);
const LATE_N = Number(process.env.BENCH_QUEUE_LATE ?? 300);
const CPS = 10;
const BATCH = 500;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const maxInSlidingSecond = (times: number[]) => {
  const t = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; i < t.length; i++) {
    while (t[i] - t[j] >= 1000) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
};
const usedMemory = async (redis: ReturnType<typeof createRedis>) => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))![1]);

async function enqueueMany(label: string, redis: ReturnType<typeof createRedis>, add: (i: number) => Promise<unknown>) {
  const before = await usedMemory(redis);
  const t0 = performance.now();
  for (let i = 0; i < TOTAL; i += BATCH) await Promise.all(Array.from({ length: Math.min(BATCH, TOTAL - i) }, (_, k) => add(i + k)));
  const secs = (performance.now() - t0) / 1000;
  const bytes = (await usedMemory(redis)) - before;
  console.log(`${label.padEnd(34)} ${TOTAL} jobs in ${secs.toFixed(1)} s = ${Math.round(TOTAL / secs)} jobs/s; Redis ${(bytes / TOTAL).toFixed(0)} bytes/job`);
}

async function cleanup(redis: ReturnType<typeof createRedis>, prefix: string) {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 5000);
    if (keys.length) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

export async function run(): Promise<void> {
  const prefix = `klbench:${randomBytes(3).toString('hex')}`;
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const config = loadConfig({ ...process.env, REDIS_PREFIX: prefix, PUBLIC_BASE_URL: base, LOG_LEVEL: 'silent', TWILIO_CALLS_PER_SECOND: String(CPS), TWILIO_ACCOUNT_SID: '', TWILIO_AUTH_TOKEN: '', TWILIO_HOTLINE_NUMBER: '' });
  const ctx = await buildContext(config, { dataDir: process.env.DATABASE_URL ? undefined : 'memory://' });
  const redis = createRedis(config.redis.url);
  await redis.connect();
  const carrier = new SimulatedCarrier({ accountSid: config.twilio.accountSid, authToken: config.twilio.authToken, ringMs: 20, amdMs: 20, pauseUnitMs: 20 });
  ctx.telephony = carrier;
  server.on('request', createApp(ctx));
  try {
    console.log(`Redis ${config.redis.url}, prefix ${prefix}; database ${ctx.database.kind}`);
    // 1. Enqueue rate and memory: kinline's producer vs raw BullMQ.
    const far = new Date(Date.now() + 30 * 86_400_000);
    await enqueueMany('kinline place-call (jobId = call id)', redis, (i) => enqueuePlaceCall(ctx.callQueues!.calls, randomUUID(), 1 + (i % 1), far, new Date()));
    const raw = new Queue('raw-noop', { connection: redis, prefix });
    await enqueueMany('raw BullMQ no-op (delayed, jobId)', redis, (i) => raw.add('noop', {}, { jobId: `n${i}`, delay: 30 * 86_400_000, removeOnComplete: true }));
    await ctx.callQueues!.calls.obliterate({ force: true });
    await raw.obliterate({ force: true });

    // 2. Lateness with the limiter at CPS and the simulator answering.
    const lines: string[] = [];
    const start = Date.now() + 8_000;
    const spacing = 1000 / CPS;
    const facility = await ctx.repos.facilities.upsert({ name: 'Bench facility', callHoursStart: '00:00', callHoursEnd: '00:00' });
    await ctx.repos.facilityLines.setParameters(facility.id, { weeklyCallQuota: 100_000 });
    const due = new Map<string, number>();
    for (let i = 0; i < LATE_N; i++) {
      const n = String(i).padStart(4, '0');
      const line = `+38044556${n}`;
      lines.push(line);
      await ctx.repos.facilityLines.add(facility.id, line);
      const d = await ctx.repos.detainees.create({ familyName: 'Bench', givenName: `D${n}`, status: 'held', facilityId: facility.id });
      const c = await ctx.repos.contacts.create({ detaineeId: d.id, name: 'R', relationship: 'mother', phone: `+7916556${n}`, timeZone: 'Europe/Moscow', nominated: true });
      await ctx.repos.db.updateTable('contacts').set({ call_hours_start: '00:00', call_hours_end: '00:00' }).where('id', '=', c.id).execute();
      await ctx.repos.consent.append({ contactId: c.id, scope: 'calls', granted: true, language: 'ru', witness: 'bench' });
      carrier.script(line, { answer: 'answer', digits: ['2'] });
      due.set(line, start + i * spacing);
      await scheduleCall(ctx, { detaineeId: d.id, contactId: c.id, startAt: new Date(start + i * spacing), facilityLine: line, supervisorPhone: `+38067556${n}`, maxMinutes: 10, language: 'ru', maxAttempts: 1 }, 'bench');
    }
    if (Date.now() > start) console.log('warning: seeding took longer than the lead time; early calls start late');
    const workers = await startCallWorkers(ctx);
    // Baseline: raw no-op jobs with the same due pattern and limiter, in parallel on their own queue.
    const rawLate: number[] = [];
    const rawTimes: number[] = [];
    const rawQ = new Queue('raw-late', { connection: redis, prefix });
    const rawStart = start + 100; // interleaved with kinline's, on a separate queue and limiter
    for (let i = 0; i < LATE_N; i++) await rawQ.add('noop', { due: rawStart + i * spacing }, { jobId: `l${i}`, delay: rawStart + i * spacing - Date.now(), removeOnComplete: true });
    const rawWorker = new Worker('raw-late', async (job) => {
      const now = Date.now();
      rawTimes.push(now);
      rawLate.push(now - job.data.due);
    }, { connection: createRedis(config.redis.url, 'worker'), prefix, limiter: dialLimiter(CPS), concurrency: 4 });
    const deadline = start + LATE_N * spacing + 60_000;
    while ((carrier.log.filter((e) => e.kind === 'dial').length < LATE_N || rawLate.length < LATE_N) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const dials = carrier.log.filter((e) => e.kind === 'dial');
    const dialTimes = dials.map((e) => Date.parse(e.at));
    const late = [...carrier.calls.values()].map((c) => {
      const d = dials.find((e) => e.callSid === c.sid)!;
      return Date.parse(d.at) - due.get(c.to)!;
    });
    console.log(`kinline dial lateness (${late.length}/${LATE_N} calls due at ${CPS}/s, limiter ${CPS}/s): p50 ${pct(late, 50)} ms, p99 ${pct(late, 99)} ms, max ${Math.max(...late)} ms`);
    console.log(`raw BullMQ no-op lateness (${rawLate.length}/${LATE_N} same pattern):         p50 ${pct(rawLate, 50)} ms, p99 ${pct(rawLate, 99)} ms, max ${Math.max(...rawLate)} ms`);
    const worst = maxInSlidingSecond(dialTimes);
    console.log(`limiter: at most ${worst} dials in any sliding one-second window at the carrier (limit ${CPS}): ${worst <= CPS ? 'never exceeded' : 'EXCEEDED'}`);
    console.log(`raw BullMQ limiter:  at most ${maxInSlidingSecond(rawTimes)} jobs in any sliding one-second window`);
    await rawWorker.close();
    await workers.stop();
    await rawQ.obliterate({ force: true });
  } finally {
    carrier.shutdown();
    server.closeAllConnections();
    server.close();
    await cleanup(redis, prefix);
    redis.disconnect();
    await ctx.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
