import type { Config } from '../config/config.js';
import type { AppContext } from '../app-context.js';
import { createLogger, type Logger } from '../shared/logger.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { migrate, openDatabase } from '../storage/database.js';
import { createRepositories } from '../storage/repositories/index.js';
import { assertRedisReachable, createRedis } from '../redis/create-redis.js';
import { createMetrics } from '../shared/metrics.js';
import { createSessionResolver } from '../accounts/session-resolver.js';
import { createTelephony } from './create-telephony.js';
import { createCallQueues } from '../queue/call-queues.js';
import { throttledWarning } from '../shared/throttled-warning.js';

export interface BuildOptions {
  logger?: Logger;
  clock?: Clock;
  /** Overrides the PGlite directory, e.g. memory:// in tests. */
  dataDir?: string;
  /** Which part of kinline this process runs: a worker places calls on the web process's simulated carrier. */
  role?: 'all' | 'web' | 'worker';
}

/** Opens the database (migrating it), connects Redis, and returns the context plus a close function. */
export interface BuiltContext extends AppContext {
  /** The embedded database's directory while this process holds it; undefined with PostgreSQL or memory://. */
  lockedDataDir?: string;
  /** Names the listening server in the embedded database's lock, for the command line (src/cli/with-api.ts). */
  announceServer(url: string): void;
  close(): Promise<void>;
}

export async function buildContext(config: Config, opts: BuildOptions = {}): Promise<BuiltContext> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  await assertRedisReachable(config.redis.url);
  const database = await openDatabase({
    url: config.database.url,
    dataDir: opts.dataDir ?? config.database.dataDir,
    onPoolError: (e) => logger.warn({ err: e }, 'database:pool idle connection lost; it will be replaced'),
  });
  try {
    await migrate(database.db);
  } catch (e) {
    await database.close();
    throw e;
  }
  const redis = createRedis(config.redis.url, 'client');
  redis.on('error', throttledWarning(logger, 'redis:unavailable; calls and sessions fail until it is back'));
  await redis.connect();
  const ctx: AppContext = {
    config,
    logger,
    clock: opts.clock ?? systemClock,
    repos: createRepositories(database.db, config.security.secretHashKey),
    redis,
    metrics: createMetrics(),
  };
  ctx.sessions = createSessionResolver(ctx); // console sessions in Redis
  ctx.telephony = createTelephony(config, opts.role);
  ctx.callQueues = await createCallQueues(config, logger);
  return {
    ...ctx,
    lockedDataDir: database.lockedDir,
    announceServer: (url) => database.announceServer(url),
    async close() {
      await ctx.callQueues?.close();
      redis.disconnect();
      await database.close();
    },
  };
}
