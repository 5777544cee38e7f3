import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Config } from '../config/config.js';
import { createRedis } from '../redis/create-redis.js';
import { QUEUE_NAMES } from './queue-names.js';

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

/** The producer side of the call queues; the web process enqueues, only workers process. */
export async function createCallQueues(config: Config): Promise<CallQueues> {
  const connection = createRedis(config.redis.url, 'client');
  await connection.connect();
  const opts = { connection, prefix: config.redis.prefix };
  const calls = new Queue(QUEUE_NAMES.calls, opts);
  const control = new Queue(QUEUE_NAMES.control, opts);
  const maintenance = new Queue(QUEUE_NAMES.maintenance, opts);
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
