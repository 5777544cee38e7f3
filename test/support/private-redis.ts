import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { closedPort } from './closed-port.js';
import { waitFor } from './wait-for.js';

export interface PrivateRedis {
  url: string;
  /** Stops the server (SIGKILL: nothing is saved) and starts an empty one on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function untilAnswers(url: string): Promise<void> {
  await waitFor(
    `the private redis-server at ${url} to answer`,
    async () => {
      const probe = new Redis(url, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
      probe.on('error', () => {});
      try {
        await probe.connect();
        await probe.ping();
        return true;
      } catch {
        return false;
      } finally {
        probe.disconnect();
      }
    },
    10_000,
  );
}

/**
 * A redis-server of this test's own, without persistence, for tests that flush or restart Redis: the shared
 * server holds the keys of test files running beside it.
 */
export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await closedPort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess;
  // A test that fails before it stops the server neither keeps its process alive nor leaves the server
  // running: the server is not waited for, and goes when the process exits.
  process.once('exit', () => child.kill('SIGKILL'));
  const start = async () => {
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    child.unref();
    await untilAnswers(url);
  };
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return; // already stopped (a killed process has no exit code)
    const exited = new Promise((r) => child.once('exit', r));
    child.ref(); // the process waits for the exit it asked for
    child.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url,
    async restart() {
      await stop();
      await start();
    },
    stop,
  };
}
