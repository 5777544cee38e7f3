import { spawn } from 'node:child_process';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { bundledNodeArgs } from './bundled-node-args.js';
import { TEST_REDIS_URL } from './test-redis-url.js';
import { TEST_SECRET_HASH_KEY } from './run-cli.js';
import { createRedis } from '../../src/redis/create-redis.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServeProcess {
  url: string;
  pid: number;
  /** The start-up line on stderr. */
  banner: string;
  /** SIGTERM, then SIGKILL if it has not exited after 30 s; resolves with the exit code. Deletes its Redis keys. */
  stop(): Promise<number | null>;
}

/**
 * `kinline serve` as a person starts it, in a child process on a free port (PORT=0) and its own Redis key
 * prefix; resolves once it listens. Always stop() it (in an after hook), or `npm test` would not exit.
 */
export async function spawnServe(env: Record<string, string | undefined>, args: string[] = []): Promise<ServeProcess> {
  const prefix = `kltest:${randomBytes(4).toString('hex')}`;
  const child = spawn(process.execPath, [...(await bundledNodeArgs('src/bin/kinline.ts')), 'serve', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      REDIS_URL: TEST_REDIS_URL,
      REDIS_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      SECRET_HASH_KEY: TEST_SECRET_HASH_KEY,
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const code = await exited;
    clearTimeout(kill);
    const redis = createRedis(TEST_REDIS_URL);
    await deleteKeysByPrefix(redis, prefix);
    redis.disconnect();
    return code;
  };
  let stderr = '';
  try {
    const banner = await new Promise<string>((resolve, reject) => {
      child.stderr.on('data', (d) => {
        stderr += d;
        const line = stderr.split('\n').find((l) => l.includes('listening on'));
        if (line) resolve(line);
      });
      void exited.then((code) => reject(new Error(`serve exited ${code}: ${stderr}`)));
    });
    const url = /listening on (http:\/\/\S+)/.exec(banner)![1];
    return { url, pid: child.pid!, banner, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}
