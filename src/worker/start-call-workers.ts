import { Worker, type Job } from 'bullmq';
import type { AppContext } from '../app-context.js';
import type { LegJobData, PlaceCallData } from '../queue/call-queues.js';
import { JOB, QUEUE_NAMES } from '../queue/queue-names.js';
import { createRedis } from '../redis/create-redis.js';
import { throttledWarning } from '../shared/throttled-warning.js';
import { requireQueues } from '../calls/require-call-deps.js';
import { placeCall } from './place-call-processor.js';
import { dialOtherLeg } from './dial-other-leg.js';
import { controlCall } from './control-processor.js';
import { startQueueMaintenance } from './maintain-queues.js';
import { purgeExpiredData } from './purge-expired-data.js';
import { checkContactFloor } from './check-contact-floor.js';
import { checkNibReporting } from './check-nib-reporting.js';

export interface CallWorkerOptions {
  /** How long a job's lock lasts; a killed worker's job is retried after it. @defaultValue 30000 */
  lockDuration?: number;
  /** How often stalled jobs are looked for. @defaultValue 30000 */
  stalledInterval?: number;
  /** Reconciler period. @defaultValue 60000 */
  reconcileEveryMs?: number;
  /** How often Redis is checked for lost data. @defaultValue 5000 */
  redisCheckEveryMs?: number;
  /** Retention purge period. @defaultValue 6 hours */
  retentionEveryMs?: number;
  /** Contact-floor check period (S-08). @defaultValue 1 hour */
  contactFloorEveryMs?: number;
}

/**
 * Global dial pacing (twilio-notes TW-28): BullMQ's limiter is shared by every worker of the queue, so all processes
 * together stay at TWILIO_CALLS_PER_SECOND. BullMQ counts in fixed windows, so `max: 10 per 1000 ms` may put
 * 20 dials into one sliding second (10 at a window's end, 10 at the next one's start). One dial per 1/rate
 * seconds, plus 10 % headroom for the jitter between a job starting and its request reaching the carrier,
 * keeps every sliding second at or under the rate (measured in bench/queue.ts).
 */
export function dialLimiter(callsPerSecond: number): { max: number; duration: number } {
  return { max: 1, duration: Math.ceil((1000 / callsPerSecond) * 1.1) };
}

/** Starts the supervised-call workers in this process (never in the web role). */
export async function startCallWorkers(ctx: AppContext, o: CallWorkerOptions = {}): Promise<{ stop(): Promise<void>; workers: Worker[] }> {
  // Fails early, with the reason, when the context has no queues.
  requireQueues(ctx);
  const connections = [
    createRedis(ctx.config.redis.url, 'worker'),
    createRedis(ctx.config.redis.url, 'worker'),
    createRedis(ctx.config.redis.url, 'worker'),
  ];
  const base = { prefix: ctx.config.redis.prefix, lockDuration: o.lockDuration ?? 30_000, stalledInterval: o.stalledInterval ?? 30_000 };
  const calls = new Worker(
    QUEUE_NAMES.calls,
    async (job: Job, token?: string) => {
      if (job.name === JOB.placeCall) return placeCall(ctx, job as Job<PlaceCallData>, token);
      if (job.name === JOB.dialRelative) return dialOtherLeg(ctx, job as Job<LegJobData>, 'relative', token);
      if (job.name === JOB.dialMonitor) return dialOtherLeg(ctx, job as Job<LegJobData>, 'monitor', token);
      return 'unknown';
    },
    { ...base, connection: connections[0], concurrency: 4, limiter: dialLimiter(ctx.config.twilio.callsPerSecond) },
  );
  const control = new Worker(QUEUE_NAMES.control, (job: Job) => controlCall(ctx, job as Job<LegJobData>), {
    ...base,
    connection: connections[1],
    concurrency: 8,
  });
  const maintenance = new Worker(
    QUEUE_NAMES.maintenance,
    async (job: Job) => {
      if (job.name === JOB.retention) return purgeExpiredData(ctx);
      if (job.name === JOB.contactFloor) return checkContactFloor(ctx);
      if (job.name === JOB.nibReporting) return checkNibReporting(ctx);
      return 'unknown';
    },
    { ...base, connection: connections[2], concurrency: 1 },
  );
  const workers = [calls, control, maintenance];
  const warn = throttledWarning(ctx.logger, 'worker:Redis unavailable; jobs wait until it is back');
  for (const c of connections) c.on('error', warn);
  for (const w of workers) w.on('error', warn);
  calls.on('failed', (job, err) => ctx.logger.warn({ jobName: job?.name, err: { message: err.message } }, 'worker:dial failed'));
  const upkeep = await startQueueMaintenance(ctx, {
    reconcileEveryMs: o.reconcileEveryMs ?? 60_000,
    redisCheckEveryMs: o.redisCheckEveryMs ?? 5_000,
    retentionEveryMs: o.retentionEveryMs ?? 6 * 3_600_000,
    contactFloorEveryMs: o.contactFloorEveryMs ?? 3_600_000,
  });
  return {
    workers,
    async stop() {
      await upkeep.stop();
      await Promise.all(workers.map((w) => w.close()));
      for (const c of connections) c.disconnect();
    },
  };
}
