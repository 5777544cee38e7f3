/**
 * Webhook benchmark (issue 3): signed webhooks for a realistic mix of hotline call steps against kinline and
 * against a baseline (a minimal Express 5 app that validates the signature and answers one Gather built with
 * VoiceResponse), each server in its own process. Prints req/s and p50/p99 for both and the ratio, a fixed
 * offered rate of 1,000 req/s with its p99, and memory before and after.
 *   BENCH_WEBHOOKS_SECONDS       closed-loop duration per server (default 10)
 *   BENCH_WEBHOOKS_RATE_SECONDS  fixed-rate duration per server (default 5)
 *   BENCH_WEBHOOKS_SOAK_SECONDS  fixed-rate soak on kinline with heap samples (default 20; 300 = the 5-minute run)
 *   BENCH_WEBHOOKS_SOAK_RATE    offered rate of the soak (default 1000 req/s)
 *   BENCH_DATABASE_URL           run kinline on PostgreSQL (a fresh database) instead of embedded PGlite
 *   BENCH_WEBHOOKS_PIN=1         pin each server to CPU 0 and the load generator to CPU 1 (taskset): on a small,
 *                                shared machine the figures then vary far less from run to run
 *   BENCH_WEBHOOKS_ONLY=0..19    replay one kind of call of the mix only (0-8 lookups that disclose, 9-13 wrong
 *                                secrets, 14-17 menus to the operator, 18-19 three strikes), to see what each costs
 * Runs from `npm run bench -- webhooks` or standalone: `node --import tsx bench/webhooks.ts`.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedLoop, openLoop, percentile, type LoadResult, type Target } from './support/webhook-load.js';

const SECONDS = Number(process.env.BENCH_WEBHOOKS_SECONDS ?? 10);
const RATE_SECONDS = Number(process.env.BENCH_WEBHOOKS_RATE_SECONDS ?? 5);
const SOAK_SECONDS = Number(process.env.BENCH_WEBHOOKS_SOAK_SECONDS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_WEBHOOKS_CONCURRENCY ?? 32);
const RATE = 1000;
const SOAK_RATE = Number(process.env.BENCH_WEBHOOKS_SOAK_RATE ?? RATE);
const here = path.dirname(fileURLToPath(import.meta.url));
const PIN = process.env.BENCH_WEBHOOKS_PIN === '1' && os.cpus().length >= 2;

/** Pins a process and all its threads to one CPU; false when taskset is missing or refused. */
function pin(pid: number, cpu: number): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

interface Server extends Target {
  child: ChildProcess;
  mem(): Promise<{ rssMiB: number; heapMiB: number; cpuMs: number }>;
  stop(): Promise<void>;
}

async function startServer(kind: 'kinline' | 'baseline'): Promise<Server> {
  const child = fork(path.join(here, 'support', 'webhook-server.ts'), [kind], { execArgv: ['--import', 'tsx', '--expose-gc', ...(process.env.BENCH_PROFILE === kind ? ['--cpu-prof', '--cpu-prof-dir=/tmp/kl-prof'] : [])], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<{ base: string; authToken: string; seeds: Target['seeds'] }>((resolve, reject) => {
    child.once('message', (m) => resolve(m as never));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
  if (PIN && !(pin(child.pid!, 0) && pin(process.pid, 1))) throw new Error('BENCH_WEBHOOKS_PIN=1 needs taskset (util-linux) and permission to use it');
  const ask = <T>(cmd: string) =>
    new Promise<T>((resolve) => {
      child.once('message', (m) => resolve((m as { mem: T }).mem));
      child.send({ cmd });
    });
  return {
    ...ready,
    child,
    mem: () => ask('mem'),
    stop: () => new Promise<void>((r) => (child.once('exit', () => r()), child.send({ cmd: 'stop' }))),
  };
}

function summary(r: LoadResult) {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  return { rps: r.requests / r.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), errors: r.errors, requests: r.requests };
}

const fmt = (label: string, s: ReturnType<typeof summary>) =>
  `${label.padEnd(30)} ${s.rps.toFixed(0).padStart(7)} req/s  p50 ${s.p50.toFixed(2).padStart(6)} ms  p99 ${s.p99.toFixed(2).padStart(7)} ms  (${s.requests} requests, ${s.errors} non-200)`;

async function measureServer(kind: 'kinline' | 'baseline') {
  const s = await startServer(kind);
  try {
    await closedLoop(s, Math.min(2, SECONDS), CONCURRENCY); // warm-up: JIT, connection pools
    const before = await s.mem();
    const closedRun = await closedLoop(s, SECONDS, CONCURRENCY);
    const cpuAfter = (await s.mem()).cpuMs;
    // Server CPU per request: robust on a busy machine, where req/s also measures the neighbours.
    const closed = { ...summary(closedRun), cpuPerReqMs: (cpuAfter - before.cpuMs) / closedRun.requests };
    const fixed = summary(await openLoop(s, RATE, RATE_SECONDS));
    const soak: string[] = [];
    if (kind === 'kinline' && SOAK_SECONDS > 0) {
      const samples: string[] = [];
      const every = Math.max(5, Math.round(SOAK_SECONDS / 10));
      const res = summary(await openLoop(s, SOAK_RATE, SOAK_SECONDS, (t) => { if (t % every === 0) void s.mem().then((m) => samples.push(`${m.heapMiB}/${m.rssMiB}`)); }));
      soak.push(fmt(`soak ${SOAK_SECONDS}s @ ${SOAK_RATE} req/s`, res), `  heap/rss after GC every ${every} s (MiB): ${samples.join(' ')}`);
    }
    const after = await s.mem();
    return { closed, fixed, before, after, soak };
  } finally {
    await s.stop();
  }
}

export async function run(): Promise<void> {
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}; kinline on ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}; closed loop ${SECONDS}s x ${CONCURRENCY} concurrent calls; fixed ${RATE} req/s for ${RATE_SECONDS}s; ${PIN ? 'servers pinned to CPU 0, load generator to CPU 1' : 'not pinned'}`);
  const base = await measureServer('baseline');
  const kin = await measureServer('kinline');
  console.log(fmt('baseline (closed loop)', base.closed));
  console.log(fmt('kinline  (closed loop)', kin.closed));
  console.log(`throughput ratio kinline/baseline: ${(kin.closed.rps / base.closed.rps).toFixed(2)}x (target >= 1.5x)`);
  console.log(`server CPU per request: baseline ${base.closed.cpuPerReqMs.toFixed(3)} ms, kinline ${kin.closed.cpuPerReqMs.toFixed(3)} ms (${(base.closed.cpuPerReqMs / kin.closed.cpuPerReqMs).toFixed(2)}x)`);
  console.log(fmt(`baseline @ ${RATE} req/s offered`, base.fixed));
  console.log(fmt(`kinline  @ ${RATE} req/s offered`, kin.fixed));
  console.log(`kinline p99 at ${RATE} req/s: ${kin.fixed.p99.toFixed(2)} ms (target < 10 ms)`);
  for (const line of kin.soak) console.log(line);
  for (const [name, r] of [['baseline', base], ['kinline', kin]] as const) {
    console.log(`${name.padEnd(8)} memory: before rss ${r.before.rssMiB} MiB heap ${r.before.heapMiB} MiB; after rss ${r.after.rssMiB} MiB heap ${r.after.heapMiB} MiB`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await run();
