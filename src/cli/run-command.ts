import { ConfigError, loadConfig, type Config } from '../config/config.js';
import { RedisUnreachableError } from '../redis/create-redis.js';
import { EmbeddedDatabaseBusyError } from '../storage/database.js';
import { AppError } from '../shared/errors.js';

/** Errors a person can act on are printed as one line, without a stack trace. */
const EXPECTED = [ConfigError, RedisUnreachableError, EmbeddedDatabaseBusyError, AppError];

export function fail(e: unknown): never {
  const err = e as Error;
  const expected = EXPECTED.some((cls) => err instanceof cls);
  const prefix = err instanceof ConfigError ? 'kinline: configuration error: ' : 'kinline: ';
  process.stderr.write(`${prefix}${err?.message ?? String(e)}\n`);
  if (!expected && process.env.KINLINE_DEBUG) process.stderr.write(`${err?.stack}\n`);
  process.exit(err instanceof ConfigError ? 2 : 1);
}

/** Wraps a command action: loads the config once and turns failures into one clear line. */
export function action<A extends unknown[]>(fn: (config: Config, ...args: A) => Promise<void>) {
  return async (...args: A) => {
    try {
      await fn(loadConfig(), ...args);
    } catch (e) {
      fail(e);
    }
  };
}

export function printJson(value: unknown) {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
