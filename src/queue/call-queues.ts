import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import { createRedis } from '../redis/create-redis.js';
import { QUEUE_NAMES } from './queue-names.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { throttledWarning } from '../shared/throttled-warning.js';

export interface PlaceCallData {
  callId: string;
  /** The attempt this job may claim; a stale job (the call moved on) does nothing. */
  attemptNo: number;
}

export interface LegJobData {
  callId: string;
  attemptNo: number;
  sid?: string;
}

export interface CallQueues {
  calls: Queue;
  control: Queue;
  maintenance: Queue;
  connection: Redis;
  close(): Promise<void>;
}

/**
 * The producer side of the call queues; the web process enqueues, only workers process. While Redis is down,
 * the connection's and the queues' errors go to `logger` as one throttled warning, not a stack trace per retry.
 */
export async function createCallQueues(config: Config, logger: Logger = createLogger('silent')): Promise<CallQueues> {
  const connection = createRedis(config.redis.url, 'client');
  const warn = throttledWarning(logger, 'queue:Redis unavailable; scheduled calls wait until it is back');
  connection.on('error', warn);
  await connection.connect();
  const opts = { connection, prefix: config.redis.prefix };
  const calls = new Queue(QUEUE_NAMES.calls, opts);
  const control = new Queue(QUEUE_NAMES.control, opts);
  const maintenance = new Queue(QUEUE_NAMES.maintenance, opts);
  for (const q of [calls, control, maintenance]) q.on('error', warn);
  return {
    calls,
    control,
    maintenance,
    connection,
    async close() {
      await Promise.all([calls.close(), control.close(), maintenance.close()]);
      connection.disconnect();
    },
  };
}
