import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { loadConfig, type Config } from '../../src/config/config.js';
import type { AppContext } from '../../src/app-context.js';
import { createLogger } from '../../src/shared/logger.js';
import { systemClock, type Clock } from '../../src/shared/clock.js';
import { createRepositories } from '../../src/storage/repositories/index.js';
import type { Db } from '../../src/storage/database.js';
import { createRedis } from '../../src/redis/create-redis.js';
import { createMetrics } from '../../src/shared/metrics.js';
import { createTestDatabase } from './test-database.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';
import { TEST_REDIS_URL } from './test-redis-url.js';

export interface TestContext extends AppContext {
  /** The test database itself, for setting up rows no use case writes (src/ goes through ctx.repos). */
  db: Db;
  close(): Promise<void>;
}

/**
 * A whole AppContext on real infrastructure: a fresh database (PGlite or PostgreSQL) and real Redis
 * with a unique key prefix, so test files can run in parallel without seeing each other's keys.
 */
export async function createTestContext(env: Record<string, string> = {}, clock: Clock = systemClock): Promise<TestContext> {
  const prefix = `kltest:${randomBytes(4).toString('hex')}`;
  const config: Config = loadConfig({
    REDIS_URL: TEST_REDIS_URL,
    REDIS_PREFIX: prefix,
    SECRET_HASH_KEY: 'test-secret-hash-key-0123456789abcdef0123',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PUBLIC_BASE_URL: 'http://127.0.0.1:3999',
    ...env,
  });
  const database = await createTestDatabase();
  const redis: Redis = createRedis(config.redis.url, 'client');
  await redis.connect();
  const ctx: TestContext = {
    config,
    logger: createLogger(config.logLevel),
    clock,
    db: database.db,
    repos: createRepositories(database.db, config.security.secretHashKey),
    redis,
    metrics: createMetrics(),
    async close() {
      // Remove only this test's keys.
      await deleteKeysByPrefix(redis, prefix);
      redis.disconnect();
      await database.close();
    },
  };
  return ctx;
}
