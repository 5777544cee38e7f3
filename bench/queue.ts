/**
 * `npm run bench -- queue` (or `node --import tsx bench/queue.ts`): the supervised-call queue under load.
 * 1. 100,000 scheduled-call jobs (kinline's producer: jobId = call id, delayed): enqueue rate and Redis memory
 *    per job, next to raw BullMQ no-op delayed jobs as the baseline.
 * 2. Dial lateness against the due time with the limiter at 10 calls/s and the simulated carrier answering:
 *    LATE_N calls (default 300) due evenly at 8 per second (80 % of the limit, so lateness is the machinery's,
 *    not a backlog); the facility answers and the detainee declines, so every dial is a facility dial (a full
 *    call adds two more dials). Raw BullMQ no-op jobs with the same pattern and limiter, run on their own
 *    afterwards, are the baseline. With PostgreSQL (DATABASE_URL) a throw-away database is created.
 * 3. The limiter is checked on the carrier's receipt times: the most dials in any sliding one-second window,
 *    for the spread pattern and for a burst of 100 calls all due at the same instant.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { loadConfig } from '../src/config/config.js';
import { buildContext } from '../src/server/build-context.js';
import { createApp } from '../src/server/create-app.js';
import { createRedis } from '../src/redis/create-redis.js';
import { enqueuePlaceCall } from '../src/queue/enqueue-place-call.js';
import { scheduleCall } from '../src/calls/schedule-call.js';
import { startCallWorkers, dialLimiter } from '../src/worker/start-call-workers.js';
import { SimulatedCarrier } from '../src/telephony/simulated/simulated-carrier.js';
import { createTestDatabase } from '../test/support/test-database.js';
import { deleteKeysByPrefix } from '../src/redis/delete-keys-by-prefix.js';

const TOTAL = Number(process.env.BENCH_QUEUE_TOTAL ?? 100_000);
const LATE_N = Number(process.env.BENCH_QUEUE_LATE ?? 300);
const CPS = 10;
const DUE_PER_SECOND = 8;
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
  console.log(
    `${label.padEnd(34)} ${TOTAL} jobs in ${secs.toFixed(1)} s = ${Math.round(TOTAL / secs)} jobs/s; Redis ${(bytes / TOTAL).toFixed(0)} bytes/job`,
  );
}

async function cleanup(redis: ReturnType<typeof createRedis>, prefix: string) {
  await deleteKeysByPrefix(redis, prefix);
}

export async function run(): Promise<void> {
  const prefix = `klbench:${randomBytes(3).toString('hex')}`;
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Never the server's own database: a fresh one on PostgreSQL, or in-memory PGlite.
  const scratchDb = process.env.DATABASE_URL ? await createTestDatabase() : undefined;
  await scratchDb?.db.destroy();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: scratchDb?.url ?? '',
    REDIS_PREFIX: prefix,
    PUBLIC_BASE_URL: base,
    LOG_LEVEL: 'silent',
    TWILIO_CALLS_PER_SECOND: String(CPS),
    TWILIO_ACCOUNT_SID: '',
    TWILIO_AUTH_TOKEN: '',
    TWILIO_HOTLINE_NUMBER: '',
  });
  const ctx = await buildContext(config, { dataDir: scratchDb ? undefined : 'memory://' });
  const redis = createRedis(config.redis.url);
  await redis.connect();
  const carrier = new SimulatedCarrier({
    accountSid: config.twilio.accountSid,
    authToken: config.twilio.authToken,
    ringMs: 20,
    amdMs: 20,
    pauseUnitMs: 20,
  });
  ctx.telephony = carrier;
  server.on('request', createApp(ctx));
  try {
    console.log(`Redis ${config.redis.url}, prefix ${prefix}; database ${scratchDb ? 'PostgreSQL' : 'embedded PGlite'}`);
    // 1. Enqueue rate and memory: kinline's producer vs raw BullMQ.
    const far = new Date(Date.now() + 30 * 86_400_000);
    await enqueueMany('kinline place-call (jobId = call id)', redis, (i) =>
      enqueuePlaceCall(ctx.callQueues!.calls, randomUUID(), 1 + (i % 1), far, new Date()),
    );
    const raw = new Queue('raw-noop', { connection: redis, prefix });
    await enqueueMany('raw BullMQ no-op (delayed, jobId)', redis, (i) =>
      raw.add('noop', {}, { jobId: `n${i}`, delay: 30 * 86_400_000, removeOnComplete: true }),
    );
    await ctx.callQueues!.calls.obliterate({ force: true });
    await raw.obliterate({ force: true });

    // 2. Lateness with the limiter at CPS and the simulator answering.
    const lines: string[] = [];
    // Fixtures first, then the calls, with a lead time long enough for scheduling them all.
    const fixtures: Array<{ detaineeId: number; contactId: number; n: string }> = [];
    const spacing = 1000 / DUE_PER_SECOND;
    const facility = await ctx.repos.facilities.upsert({ name: 'Bench facility', callHoursStart: '00:00', callHoursEnd: '00:00' });
    await ctx.repos.facilityLines.setParameters(facility.id, { weeklyCallQuota: 100_000 });
    const due = new Map<string, number>();
    for (let i = 0; i < LATE_N; i++) {
      const n = String(i).padStart(4, '0');
      const line = `+38044556${n}`;
      lines.push(line);
      await ctx.repos.facilityLines.add(facility.id, line);
      const d = await ctx.repos.detainees.create({ familyName: 'Bench', givenName: `D${n}`, status: 'held', facilityId: facility.id });
      const c = await ctx.repos.contacts.create({
        detaineeId: d.id,
        name: 'R',
        relationship: 'mother',
        phone: `+7916556${n}`,
        timeZone: 'Europe/Moscow',
        nominated: true,
      });
      await ctx.repos.contacts.setColumns(c.id, { call_hours_start: '00:00', call_hours_end: '00:00' });
      await ctx.repos.consent.append({ contactId: c.id, scope: 'calls', granted: true, language: 'ru', witness: 'bench' });
      carrier.script(line, { answer: 'answer', digits: ['2'] });
      fixtures.push({ detaineeId: d.id, contactId: c.id, n });
    }
    const start = Date.now() + 3_000 + LATE_N * 50;
    for (const [i, f] of fixtures.entries()) {
      due.set(lines[i], start + i * spacing);
      await scheduleCall(
        ctx,
        {
          detaineeId: f.detaineeId,
          contactId: f.contactId,
          startAt: new Date(start + i * spacing),
          facilityLine: lines[i],
          supervisorPhone: `+38067556${f.n}`,
          maxMinutes: 10,
          language: 'ru',
          maxAttempts: 1,
        },
        'bench',
      );
    }
    if (Date.now() > start) console.log('warning: seeding took longer than the lead time; early calls start late');
    const workers = await startCallWorkers(ctx);
    const deadline = start + LATE_N * spacing + 60_000;
    while (carrier.log.filter((e) => e.kind === 'dial').length < LATE_N && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 200));
    await workers.stop();
    const dials = carrier.log.filter((e) => e.kind === 'dial');
    const dialTimes = dials.map((e) => Date.parse(e.at));
    const late = [...carrier.calls.values()].map((c) => Date.parse(dials.find((e) => e.callSid === c.sid)!.at) - due.get(c.to)!);
    // Baseline: raw no-op jobs, same due pattern and limiter, on their own.
    const rawLate: number[] = [];
    const rawTimes: number[] = [];
    const rawQ = new Queue('raw-late', { connection: redis, prefix });
    const rawStart = Date.now() + 3_000;
    for (let i = 0; i < LATE_N; i++)
      await rawQ.add(
        'noop',
        { due: rawStart + i * spacing },
        { jobId: `l${i}`, delay: rawStart + i * spacing - Date.now(), removeOnComplete: true },
      );
    const rawConn = createRedis(config.redis.url, 'worker');
    const rawWorker = new Worker(
      'raw-late',
      async (job) => {
        const now = Date.now();
        rawTimes.push(now);
        rawLate.push(now - job.data.due);
      },
      { connection: rawConn, prefix, limiter: dialLimiter(CPS), concurrency: 4 },
    );
    while (rawLate.length < LATE_N && Date.now() < rawStart + LATE_N * spacing + 60_000) await new Promise((r) => setTimeout(r, 200));
    await rawWorker.close();
    rawConn.disconnect();
    await rawQ.obliterate({ force: true });
    const limiter = dialLimiter(CPS);
    console.log(`dial limiter: ${limiter.max} per ${limiter.duration} ms (TWILIO_CALLS_PER_SECOND=${CPS}, 10 % headroom)`);
    console.log(
      `kinline dial lateness (${late.length}/${LATE_N} calls due at ${DUE_PER_SECOND}/s): p50 ${pct(late, 50)} ms, p99 ${pct(late, 99)} ms, max ${Math.max(...late)} ms`,
    );
    console.log(
      `raw BullMQ no-op lateness (${rawLate.length}/${LATE_N}, same pattern):  p50 ${pct(rawLate, 50)} ms, p99 ${pct(rawLate, 99)} ms, max ${Math.max(...rawLate)} ms`,
    );
    const worst = maxInSlidingSecond(dialTimes);
    console.log(
      `limiter: at most ${worst} dials in any sliding one-second window at the carrier (limit ${CPS}): ${worst <= CPS ? 'never exceeded' : 'EXCEEDED'}`,
    );
    console.log(`raw BullMQ limiter: at most ${maxInSlidingSecond(rawTimes)} jobs in any sliding one-second window`);

    // 3. Burst: BURST calls all due at the same instant. The limiter must hold under a backlog too.
    const BURST = Math.min(100, LATE_N);
    const before = carrier.log.filter((e) => e.kind === 'dial').length;
    const burstAt = Date.now() + 3_000 + BURST * 50;
    for (const [i, f] of fixtures.slice(0, BURST).entries()) {
      await scheduleCall(
        ctx,
        {
          detaineeId: f.detaineeId,
          contactId: f.contactId,
          startAt: new Date(burstAt),
          facilityLine: lines[i],
          supervisorPhone: `+38067556${f.n}`,
          maxMinutes: 10,
          language: 'ru',
          maxAttempts: 1,
        },
        'bench',
      );
    }
    const burstWorkers = await startCallWorkers(ctx);
    while (carrier.log.filter((e) => e.kind === 'dial').length < before + BURST && Date.now() < burstAt + 60_000)
      await new Promise((r) => setTimeout(r, 200));
    await burstWorkers.stop();
    const burstTimes = carrier.log
      .filter((e) => e.kind === 'dial')
      .slice(before)
      .map((e) => Date.parse(e.at));
    const drain = (Math.max(...burstTimes) - burstAt) / 1000;
    const worstBurst = maxInSlidingSecond(burstTimes);
    console.log(
      `burst: ${burstTimes.length} calls due at once, last dialled after ${drain.toFixed(1)} s; at most ${worstBurst} dials in any sliding second: ${worstBurst <= CPS ? 'never exceeded' : 'EXCEEDED'}`,
    );
  } finally {
    carrier.shutdown();
    server.closeAllConnections();
    server.close();
    await cleanup(redis, prefix);
    redis.disconnect();
    await ctx.close();
    if (scratchDb) {
      const pg = (await import('pg')).default;
      const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${new URL(scratchDb.url!).pathname.slice(1)} WITH (FORCE)`);
      await admin.end();
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
