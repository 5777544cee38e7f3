import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Redis } from 'ioredis';
import { loadConfig } from '../../src/config/config.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';
import { createScratchDatabase } from '../../src/storage/scratch-database.js';
import { freePort, logTail, startChildServer, type ChildServer } from './child-server.js';

/** A reference and a secret that open it, from `kinline demo`. */
export interface Seed {
  reference: string;
  secret: string;
}

export interface KinlineUnderTest extends ChildServer {
  /** The simulated carrier's auth token: what kinline checks X-Twilio-Signature with. */
  authToken: string;
  accountSid: string;
  hotlineNumber: string;
  seeds: Seed[];
  database: string;
  /** Used V8 heap in MiB from GET /metrics, or undefined once that is not public (or lacks the gauge). */
  heapMiB(): Promise<number | undefined>;
}

// Variables of the shell passed on to kinline: where programs and Redis are. Any other kinline setting of the
// shell that runs the benchmark (a DATABASE_URL, a LOG_LEVEL of a test run) would change what is measured.
const PASSED_ON = ['PATH', 'HOME', 'LANG', 'TZ', 'REDIS_URL'];

function runDemo(root: string, env: NodeJS.ProcessEnv, logFile: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const fd = fs.openSync(logFile, 'a');
    const child = spawn(process.execPath, ['dist/src/bin/kinline.js', 'demo', '--json'], { cwd: root, env, stdio: ['ignore', 'pipe', fd] });
    fs.closeSync(fd);
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(out) : reject(new Error(`kinline demo exited with ${code}; ${logFile} ends:\n${logTail(logFile)}`)),
    );
  });
}

/**
 * kinline as a user starts it from the built output: `kinline demo` seeds a fresh database, then `kinline serve`
 * runs the web app and the workers in one process with the shipped defaults (rate limits, operator hours,
 * LOG_LEVEL=info, logs on stdout into `<workDir>/kinline.log`). Only what a deployment must set is set: its
 * own PORT and PUBLIC_BASE_URL (so signatures verify), a REDIS_PREFIX of its own, DATA_DIR in `workDir`
 * (embedded PGlite) or, with BENCH_DATABASE_URL, a scratch PostgreSQL database. stop() stops it and removes
 * its Redis keys, database and data directory; the log stays.
 */
export async function startKinline(root: string, workDir: string): Promise<KinlineUnderTest> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const prefix = `kinline-bench-${randomBytes(4).toString('hex')}`;
  const dataDir = path.join(workDir, 'kinline-data');
  const logFile = path.join(workDir, 'kinline.log');
  const scratch = process.env.BENCH_DATABASE_URL ? await createScratchDatabase(process.env.BENCH_DATABASE_URL, 'bench') : undefined;
  const env: NodeJS.ProcessEnv = {
    ...Object.fromEntries(PASSED_ON.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]])),
    PORT: String(port),
    PUBLIC_BASE_URL: base,
    REDIS_PREFIX: prefix,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    ...(scratch ? { DATABASE_URL: scratch.url } : {}),
  };
  const config = loadConfig(env);
  let server: ChildServer | undefined;
  const cleanUp = async () => {
    await server?.stop();
    const redis = new Redis(config.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      await deleteKeysByPrefix(redis, `${prefix}:`);
    } finally {
      redis.disconnect();
    }
    await scratch?.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const demo = JSON.parse(await runDemo(root, env, logFile)) as {
      detainees: Array<{ reference: string; contacts: Array<{ secret: string | null }> }>;
    };
    const seeds = demo.detainees.flatMap((d) =>
      d.contacts.filter((c) => c.secret).map((c) => ({ reference: d.reference, secret: c.secret! })),
    );
    if (!seeds.length) throw new Error('kinline demo printed no reference with a secret');
    server = await startChildServer({ name: 'kinline serve', args: ['dist/src/bin/kinline.js', 'serve'], env, base, logFile, cwd: root });
    let metricsPublic = true;
    return {
      ...server,
      authToken: config.twilio.authToken,
      accountSid: config.twilio.accountSid,
      hotlineNumber: config.twilio.hotlineNumber,
      seeds,
      database: scratch ? 'PostgreSQL (scratch database)' : `embedded PGlite in ${dataDir}`,
      stop: cleanUp,
      async heapMiB() {
        if (!metricsPublic) return undefined;
        const res = await fetch(`${base}/metrics`, { signal: AbortSignal.timeout(5000) }).catch(() => undefined);
        const text = res?.ok ? await res.text() : '';
        const bytes = /^(?:\w+_)?nodejs_heap_size_used_bytes(?:\{[^}]*\})?\s+(\S+)/m.exec(text)?.[1];
        // A refusal (the endpoint behind a token) is for good; a timeout under load is one missing sample.
        if (res && !res.ok) metricsPublic = false;
        return bytes ? Number(bytes) / 1048576 : undefined;
      },
    };
  } catch (e) {
    await cleanUp();
    throw e;
  }
}
