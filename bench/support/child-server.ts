import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';

/** A server the benchmark started as a child process, as a user would start it from a shell. */
export interface ChildServer {
  readonly name: string;
  readonly pid: number;
  /** http://127.0.0.1:<port>, also its PUBLIC_BASE_URL. */
  readonly base: string;
  /** Its stdout and stderr. */
  readonly logFile: string;
  /** SIGTERM, then SIGKILL if it has not exited after 15 s; resolves once it has exited. */
  stop(): Promise<void>;
}

// Whatever is still running when the benchmark's own process exits (an uncaught error, a second Ctrl-C) is
// killed, so no server outlives the run that started it.
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A port nothing listens on at the moment (the kernel's choice), to give a server before it starts. */
export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** The last lines of a log, to say why a server did not start. */
export function logTail(file: string, lines = 15): string {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

/**
 * Runs `node <args>` with exactly `env`, its output appended to `logFile`, and waits until GET /healthz on
 * `base` answers 200. Fails with the log's tail when the process exits first or is not up within 90 s.
 */
export async function startChildServer(o: {
  name: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  base: string;
  logFile: string;
  cwd: string;
}): Promise<ChildServer> {
  const fd = fs.openSync(o.logFile, 'a');
  const child = spawn(process.execPath, o.args, { cwd: o.cwd, env: o.env, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  live.add(child);
  child.once('exit', () => live.delete(child));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exited(child);
    clearTimeout(timer);
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `${o.name} exited (${child.exitCode ?? child.signalCode}) before it answered /healthz; its log ${o.logFile} ends:\n${logTail(o.logFile)}`,
      );
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${o.name} did not answer /healthz within 90 s; its log ${o.logFile} ends:\n${logTail(o.logFile)}`);
    }
    const up = await fetch(`${o.base}/healthz`, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (up) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { name: o.name, pid: child.pid!, base: o.base, logFile: o.logFile, stop };
}
