import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { JOB } from '../queue/queue-names.js';
import { requireQueues } from '../calls/require-call-deps.js';
import { throttledWarning } from '../shared/throttled-warning.js';
import { reconcileCallJobs } from './reconcile-call-jobs.js';

export interface MaintenanceOptions {
  /** How often the queue is reconciled with the database. @defaultValue 60000 */
  reconcileEveryMs: number;
  /** How often Redis is checked for lost data (a flush, a restart without persistence, an empty replica). @defaultValue 5000 */
  redisCheckEveryMs: number;
  /** Retention purge period. @defaultValue 6 hours */
  retentionEveryMs: number;
  /** Contact-floor check period (S-08). @defaultValue 1 hour */
  contactFloorEveryMs: number;
}

/**
 * Keeps the call queue true to the database whatever happened to Redis (docs/twilio-notes TW-33). The
 * reconciler runs on this process's own timer, not as a job kept in Redis, so a Redis that lost its data
 * cannot stop it. A marker key, set when missing, tells that Redis lost its data since the last check: then
 * the repeating jobs (retention, contact floor) are registered again and the queue is reconciled at once,
 * so scheduled calls are dialled on time. Every worker process runs this; reconciling is idempotent.
 */
export async function startQueueMaintenance(ctx: AppContext, o: MaintenanceOptions): Promise<{ stop(): Promise<void> }> {
  const queues = requireQueues(ctx);
  const marker = `${ctx.config.redis.prefix}:queue-marker`;
  const warn = throttledWarning(ctx.logger, 'worker:queue maintenance failed; it runs again on its timer');
  const schedulers: Array<[string, number, string]> = [
    ['retention', o.retentionEveryMs, JOB.retention],
    ['contact-floor', o.contactFloorEveryMs, JOB.contactFloor],
    // D-02: checked as often as the contact floor.
    ['nib-reporting', o.contactFloorEveryMs, JOB.nibReporting],
  ];
  let running: Promise<void> = Promise.resolve();
  let busy = false;

  const run = (fn: () => Promise<void>) => {
    if (busy) return running;
    busy = true;
    running = fn()
      .catch(warn)
      .finally(() => (busy = false));
    return running;
  };
  const maintain = async () => {
    for (const [id, every, name] of schedulers) {
      if (!(await queues.maintenance.getJobScheduler(id))) await queues.maintenance.upsertJobScheduler(id, { every }, { name });
    }
    await reconcileCallJobs(ctx);
  };
  const checkRedis = async () => {
    // SET NX succeeds only when the marker is gone: Redis was flushed, restarted empty or failed over.
    if (await ctx.redis.set(marker, randomUUID(), 'NX')) {
      ctx.logger.warn('worker:Redis lost its data; repeating jobs registered again and the call queue reconciled now');
      await maintain();
    }
  };

  await ctx.redis.set(marker, randomUUID());
  // Reconciling is this timer's work; a repeating "reconcile" job found in Redis is not needed.
  await queues.maintenance.removeJobScheduler(JOB.reconcile);
  for (const [id, every, name] of schedulers) await queues.maintenance.upsertJobScheduler(id, { every }, { name });
  await reconcileCallJobs(ctx);
  const timers = [setInterval(() => void run(checkRedis), o.redisCheckEveryMs), setInterval(() => void run(maintain), o.reconcileEveryMs)];
  return {
    async stop() {
      for (const t of timers) clearInterval(t);
      await running;
    },
  };
}
