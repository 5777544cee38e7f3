/**
 * Webhook benchmark (issue 3): signed webhooks for a realistic mix of hotline call steps against kinline and
 * against a baseline (a minimal Express 5 app that validates the signature and answers one Gather built with
 * VoiceResponse), each server in its own process. Prints req/s and p50/p99 for both and the ratio, a fixed
 * offered rate of 1,000 req/s with its p99, and memory before and after. Open-loop latency counts from when a
 * request was due (no coordinated omission); the p99 from when it was written, the server's part alone, is
 * printed beside it.
 * The closed loop runs in rounds that alternate between the two servers (both stay up), and the ratio is the
 * median of the rounds' ratios: on a shared machine the load of the neighbours drifts over a run, and a
 * comparison of one server's first half-minute against the other's second measured the drift as much as them.
 *   BENCH_WEBHOOKS_SECONDS       closed-loop duration per server per round (default 5)
 *   BENCH_WEBHOOKS_ROUNDS        closed-loop rounds per server (default 5)
 *   BENCH_WEBHOOKS_RATE_SECONDS  fixed-rate duration per server (default 5)
 *   BENCH_WEBHOOKS_SOAK_SECONDS  fixed-rate soak on kinline with heap samples (default 20; 300 = the 5-minute run)
 *   BENCH_WEBHOOKS_SOAK_RATE    offered rate of the soak (default 1000 req/s)
 *   BENCH_DATABASE_URL           run kinline on PostgreSQL (a fresh database) instead of embedded PGlite
 *   BENCH_WEBHOOKS_PIN=1         pin each server to CPU 0 and the load generator to CPU 1 (taskset): on a small,
 *                                shared machine the figures then vary far less from run to run
 *   BENCH_OPERATORS=closed       run kinline outside operator hours ("0" offers a callback); by default the
 *                                operators are at work for the whole run, the heavier case ("0" queues the call)
 *   BENCH_WEBHOOKS_ONLY=0..19    replay one kind of call of the mix only (0-8 lookups that disclose, 9-13 wrong
 *                                secrets, 14-17 menus to the operator, 18-19 three strikes), to see what each costs
 * Runs from `npm run bench -- webhooks` or standalone: `node --import tsx bench/webhooks.ts`.
 */
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { closedLoop, openLoop, percentile, type LoadResult, type Target } from './support/webhook-load.js';

const SECONDS = Number(process.env.BENCH_WEBHOOKS_SECONDS ?? 5);
const ROUNDS = Math.max(1, Number(process.env.BENCH_WEBHOOKS_ROUNDS ?? 5));
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
  const sent = r.sentToAnswerMs ? [...r.sentToAnswerMs].sort((a, b) => a - b) : undefined;
  return { rps: r.requests / r.seconds, p50: percentile(sorted, 50), p99: percentile(sorted, 99), p99Sent: sent && percentile(sent, 99), errors: r.errors, requests: r.requests };
}

const fmt = (label: string, s: ReturnType<typeof summary>) =>
  `${label.padEnd(30)} ${s.rps.toFixed(0).padStart(7)} req/s  p50 ${s.p50.toFixed(2).padStart(6)} ms  p99 ${s.p99.toFixed(2).padStart(7)} ms  (${s.requests} requests, ${s.errors} non-200)` +
  (s.p99Sent === undefined ? '' : `; p99 from the write ${s.p99Sent.toFixed(2)} ms`);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** Closed-loop rounds of one server; its CPU per request over all of them. */
interface Closed {
  rounds: Array<ReturnType<typeof summary>>;
  cpuMs: number;
  merged: LoadResult;
}

async function closedRound(s: Server, into: Closed): Promise<ReturnType<typeof summary>> {
  const before = (await s.mem()).cpuMs;
  const r = await closedLoop(s, SECONDS, CONCURRENCY);
  into.cpuMs += (await s.mem()).cpuMs - before;
  into.merged.requests += r.requests;
  into.merged.errors += r.errors;
  into.merged.seconds += r.seconds;
  for (const l of r.latenciesMs) into.merged.latenciesMs.push(l);
  const sum = summary(r);
  into.rounds.push(sum);
  return sum;
}

async function fixedAndSoak(s: Server, kind: 'kinline' | 'baseline') {
  const fixed = summary(await openLoop(s, RATE, RATE_SECONDS));
  const soak: string[] = [];
  if (kind === 'kinline' && SOAK_SECONDS > 0) {
    const samples: string[] = [];
    const every = Math.max(5, Math.round(SOAK_SECONDS / 10));
    const res = summary(await openLoop(s, SOAK_RATE, SOAK_SECONDS, (t) => { if (t % every === 0) void s.mem().then((m) => samples.push(`${m.heapMiB}/${m.rssMiB}`)); }));
    soak.push(fmt(`soak ${SOAK_SECONDS}s @ ${SOAK_RATE} req/s`, res), `  heap/rss after GC every ${every} s (MiB): ${samples.join(' ')}`);
  }
  return { fixed, soak };
}

export async function run(): Promise<void> {
  console.log(`node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}; kinline on ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite'}, operators ${process.env.BENCH_OPERATORS === 'closed' ? 'off duty' : 'at work'}; closed loop ${ROUNDS} x ${SECONDS}s per server, alternating, x ${CONCURRENCY} concurrent calls; fixed ${RATE} req/s for ${RATE_SECONDS}s; ${PIN ? 'servers pinned to CPU 0, load generator to CPU 1' : 'not pinned'}`);
  const started: Server[] = [];
  const start = async (kind: 'kinline' | 'baseline') => {
    const s = await startServer(kind);
    started.push(s);
    return s;
  };
  try {
    const servers = { baseline: await start('baseline'), kinline: await start('kinline') };
    const closed = {
      baseline: { rounds: [], cpuMs: 0, merged: { requests: 0, errors: 0, seconds: 0, latenciesMs: [] } } as Closed,
      kinline: { rounds: [], cpuMs: 0, merged: { requests: 0, errors: 0, seconds: 0, latenciesMs: [] } } as Closed,
    };
    // Warm-up of both (JIT, connection pools), then the rounds, alternating which server goes first.
    for (const s of [servers.baseline, servers.kinline]) await closedLoop(s, Math.min(2, SECONDS), CONCURRENCY);
    const before = { baseline: await servers.baseline.mem(), kinline: await servers.kinline.mem() };
    const ratios: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const order = i % 2 === 0 ? (['baseline', 'kinline'] as const) : (['kinline', 'baseline'] as const);
      const got: Record<string, ReturnType<typeof summary>> = {};
      for (const kind of order) got[kind] = await closedRound(servers[kind], closed[kind]);
      ratios.push(got.kinline.rps / got.baseline.rps);
      console.log(`  round ${i + 1}: baseline ${got.baseline.rps.toFixed(0)} req/s, kinline ${got.kinline.rps.toFixed(0)} req/s, ratio ${ratios[i].toFixed(2)}x`);
    }
    const base = { closed: summary(closed.baseline.merged), ...(await fixedAndSoak(servers.baseline, 'baseline')), before: before.baseline, after: await servers.baseline.mem() };
    const kin = { closed: summary(closed.kinline.merged), ...(await fixedAndSoak(servers.kinline, 'kinline')), before: before.kinline, after: await servers.kinline.mem() };
    const cpu = (k: 'baseline' | 'kinline') => closed[k].cpuMs / closed[k].merged.requests;
    console.log(fmt('baseline (closed loop)', base.closed));
    console.log(fmt('kinline  (closed loop)', kin.closed));
    console.log(`throughput ratio kinline/baseline: ${median(ratios).toFixed(2)}x, the median of ${ROUNDS} rounds (${ratios.map((r) => r.toFixed(2)).join(', ')}); overall ${(kin.closed.rps / base.closed.rps).toFixed(2)}x (target >= 1.5x)`);
    console.log(`server CPU per request: baseline ${cpu('baseline').toFixed(3)} ms, kinline ${cpu('kinline').toFixed(3)} ms (${(cpu('baseline') / cpu('kinline')).toFixed(2)}x)`);
    console.log(fmt(`baseline @ ${RATE} req/s offered`, base.fixed));
    console.log(fmt(`kinline  @ ${RATE} req/s offered`, kin.fixed));
    console.log(`kinline p99 at ${RATE} req/s: ${kin.fixed.p99.toFixed(2)} ms (target < 10 ms)`);
    for (const line of kin.soak) console.log(line);
    for (const [name, r] of [['baseline', base], ['kinline', kin]] as const) {
      console.log(`${name.padEnd(8)} memory: before rss ${r.before.rssMiB} MiB heap ${r.before.heapMiB} MiB; after rss ${r.after.rssMiB} MiB heap ${r.after.heapMiB} MiB`);
    }
  } finally {
    await Promise.all(started.map((s) => s.stop()));
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await run();
