/**
 * Webhook benchmark: the hotline as it ships, against a baseline, in the same run.
 *
 * kinline is started as a user starts it: `npm run build` once, `kinline demo` to seed a fresh database (its
 * references and secrets are what callers key in), then `node dist/src/bin/kinline.js serve` in a child process,
 * web and workers in one process, LOG_LEVEL=info with its log on stdout into a file, the shipped rate limits and
 * operator hours, embedded PGlite in a temporary DATA_DIR (bench/support/start-kinline.ts). The baseline is the
 * least a webhook needs (Express, form body, the SDK's signature check, one fixed VoiceResponse;
 * bench/support/baseline-app.ts), built and started the same way. Both stay up for the whole run.
 *
 * The load is whole calls, as Twilio makes them (bench/support/simulated-call.ts): each from its own number,
 * following the Gather actions and Redirects of each answer with the keys of a caller mix (status lookups with
 * right and wrong secrets of the demo data, unknown and mistyped references, the three languages, the operator,
 * hang-ups in the menus; bench/support/caller-keys.ts), every webhook signed against the server's public URL,
 * each call ended by its status callback. The baseline answers every webhook with the same Gather, so its calls
 * run the same keys to the end.
 *
 * Measured:
 *  - throughput: closed-loop rounds (BENCH_WEBHOOKS_CONCURRENCY callers at a time, each sending its next webhook
 *    when the last was answered) alternating between the servers, so both see the same drift in the load of the
 *    machine's neighbours; the ratio is the median of the rounds' ratios;
 *  - server CPU per webhook, from /proc/<pid>/stat (user + system) of each server's process around each phase;
 *  - p50 and p99 at 100 and at 1,000 webhooks a second offered (open loop): latency counts from when each
 *    webhook was due, so a server that falls behind cannot hide it; the p99 from when it was written (the
 *    server's part alone) is printed beside it;
 *  - a soak of kinline at a fixed rate, sampling its RSS (/proc) and its used heap (GET /metrics, while that is
 *    public) at even intervals (30 s at most); memory counts as flat when the second half's peak is within 5%
 *    of the first half's.
 * Non-2xx answers, connection errors and webhooks still unanswered 30 s after the last was due (a server that
 * cannot keep up ends the phase rather than draining its backlog for minutes) are counted and printed; a soak
 * that kinline did not keep up with says so. Every process the benchmark started is stopped at the end, on an
 * error and on Ctrl-C; kinline's Redis keys, database and data directory go with it.
 * Targets: p99 under 25 ms at 1,000 webhooks a second, memory flat; the ratio is reported as it is.
 *
 *   BENCH_WEBHOOKS_ROUNDS        closed-loop rounds per server (default 5)
 *   BENCH_WEBHOOKS_SECONDS       seconds per closed-loop round per server (default 5)
 *   BENCH_WEBHOOKS_CONCURRENCY   callers at a time in the closed loop (default 32)
 *   BENCH_WEBHOOKS_RATE_SECONDS  seconds per server at each offered rate (default 10)
 *   BENCH_WEBHOOKS_SOAK_SECONDS  soak of kinline (default 300; 0 skips it)
 *   BENCH_WEBHOOKS_SOAK_RATE     webhooks a second offered in the soak (default 1000)
 *   BENCH_WEBHOOKS_BUILD=0       use dist/ as it is instead of running `npm run build` first
 *   BENCH_DATABASE_URL           run kinline on a scratch database of this PostgreSQL server instead of PGlite
 * Runs from `npm run bench -- webhooks` or standalone: `node --import tsx bench/webhooks.ts`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuMs } from './support/proc-stats.js';
import { freePort, startChildServer, type ChildServer } from './support/child-server.js';
import { startKinline, type KinlineUnderTest } from './support/start-kinline.js';
import { closedLoop, openLoop, percentile, type LoadResult } from './support/webhook-load.js';
import { soak, type SoakResult } from './support/webhook-soak.js';
import type { CallTarget } from './support/simulated-call.js';

const ROUNDS = Math.max(1, Number(process.env.BENCH_WEBHOOKS_ROUNDS ?? 5));
const SECONDS = Number(process.env.BENCH_WEBHOOKS_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_WEBHOOKS_CONCURRENCY ?? 32);
const RATE_SECONDS = Number(process.env.BENCH_WEBHOOKS_RATE_SECONDS ?? 10);
const SOAK_SECONDS = Number(process.env.BENCH_WEBHOOKS_SOAK_SECONDS ?? 300);
const SOAK_RATE = Number(process.env.BENCH_WEBHOOKS_SOAK_RATE ?? 1000);
const RATES = [100, 1000];
const P99_TARGET_MS = 25;

type Kind = 'baseline' | 'kinline';
type Server = CallTarget & ChildServer;

/** The repository: the nearest folder above this file with a package.json (bench/ under tsx, dist/bench/ built). */
function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

function build(root: string): void {
  if (process.env.BENCH_WEBHOOKS_BUILD === '0') return;
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(
      `npm run build failed, so there is no kinline to measure:\n${`${r.stdout}${r.stderr}`.trim().split('\n').slice(-20).join('\n')}`,
    );
}

async function startBaseline(root: string, workDir: string, like: KinlineUnderTest): Promise<Server> {
  const base = `http://127.0.0.1:${await freePort()}`;
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: new URL(base).port,
    HOST: '127.0.0.1',
    PUBLIC_BASE_URL: base,
    TWILIO_AUTH_TOKEN: like.authToken,
  };
  const server = await startChildServer({
    name: 'baseline',
    args: ['dist/bench/support/baseline-server.js'],
    env,
    base,
    logFile: path.join(workDir, 'baseline.log'),
    cwd: root,
  });
  return { ...server, authToken: like.authToken, accountSid: like.accountSid, hotlineNumber: like.hotlineNumber, seeds: like.seeds };
}

/** A phase of load with the server's CPU time over it. */
async function withCpu(s: Server, load: () => Promise<LoadResult>): Promise<LoadResult & { cpuMs: number }> {
  const before = cpuMs(s.pid);
  const r = await load();
  return { ...r, cpuMs: cpuMs(s.pid) - before };
}

function merge(rs: Array<LoadResult & { cpuMs: number }>): LoadResult & { cpuMs: number } {
  const m: LoadResult & { cpuMs: number } = {
    requests: 0,
    non2xx: 0,
    failed: 0,
    unanswered: 0,
    seconds: 0,
    latenciesMs: [],
    endings: {},
    cpuMs: 0,
  };
  for (const r of rs) {
    m.requests += r.requests;
    m.non2xx += r.non2xx;
    m.failed += r.failed;
    m.unanswered += r.unanswered;
    m.seconds += r.seconds;
    m.cpuMs += r.cpuMs;
    for (const l of r.latenciesMs) m.latenciesMs.push(l);
    for (const [k, v] of Object.entries(r.endings)) m.endings[k] = (m.endings[k] ?? 0) + v;
  }
  return m;
}

const sortedPercentile = (xs: number[] | undefined, p: number) =>
  xs
    ? percentile(
        [...xs].sort((a, b) => a - b),
        p,
      )
    : NaN;
const ms = (x: number) => `${x.toFixed(2)} ms`;
const errorsOf = (r: LoadResult) =>
  `${r.non2xx} non-2xx, ${r.failed} connection errors${r.unanswered ? `, ${r.unanswered} unanswered 30 s after the end` : ''}`;

function line(label: string, r: LoadResult & { cpuMs: number }): string {
  const answered = r.requests - r.unanswered;
  const cpu = answered ? r.cpuMs / answered : NaN;
  const sent = r.sentToAnswerMs ? `; p99 from the write ${ms(sortedPercentile(r.sentToAnswerMs, 99))}` : '';
  return `  ${label.padEnd(24)} ${(answered / r.seconds).toFixed(0).padStart(6)} webhooks/s  p50 ${ms(sortedPercentile(r.latenciesMs, 50)).padStart(10)}  p99 ${ms(sortedPercentile(r.latenciesMs, 99)).padStart(10)}  CPU ${cpu.toFixed(3)} ms/webhook (${((r.cpuMs / (r.seconds * 1000)) * 100).toFixed(0)}% of a core)  ${r.requests} webhooks, ${errorsOf(r)}${sent}`;
}

const endings = (r: LoadResult) =>
  Object.entries(r.endings)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function printSoak(s: SoakResult): void {
  console.log(line(`kinline soak ${SOAK_SECONDS}s @ ${SOAK_RATE}/s`, s.load));
  console.log(`  calls ended: ${endings(s.load)}`);
  console.log(`  RSS MiB at ${s.samples.map((x) => `${x.atS}s ${x.rssMiB.toFixed(0)}`).join(', ')}`);
  console.log(
    s.samples.some((x) => x.heapMiB !== undefined)
      ? `  used heap MiB at ${s.samples.map((x) => `${x.atS}s ${x.heapMiB?.toFixed(0) ?? '?'}`).join(', ')}`
      : '  used heap: not sampled (GET /metrics is not public or lacks nodejs_heap_size_used_bytes)',
  );
  for (const v of s.verdicts) console.log(`  ${v}`);
  const answered = (s.load.requests - s.load.unanswered) / s.load.seconds;
  if (answered < SOAK_RATE * 0.95)
    console.log(
      `  kinline answered ${answered.toFixed(0)} webhooks/s of ${SOAK_RATE} offered: it did not keep up, so its memory also holds the backlog of waiting requests`,
    );
}

export async function run(): Promise<void> {
  const root = repoRoot();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinline-bench-'));
  const started: ChildServer[] = [];
  let stopping: Promise<unknown> | undefined;
  const stopAll = () => (stopping ??= Promise.allSettled(started.map((s) => s.stop())));
  // Ctrl-C reaches this process more than once (from the terminal and relayed by npm and tsx): only the first
  // one starts the stop, and the process must not die of a later one before the servers are stopped and
  // kinline's keys, database and files are removed.
  let interrupted = false;
  const onSignal = (signal: string) => {
    if (interrupted) return;
    interrupted = true;
    console.log(`\n${signal}: stopping the servers the benchmark started`);
    void stopAll().finally(() => process.exit(130));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    console.log(
      `node ${process.version}, ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}; ${process.env.BENCH_WEBHOOKS_BUILD === '0' ? 'dist/ as it is (BENCH_WEBHOOKS_BUILD=0)' : 'npm run build...'}`,
    );
    build(root);
    const kinline = await startKinline(root, workDir);
    started.push(kinline);
    const baseline = await startBaseline(root, workDir, kinline);
    started.push(baseline);
    const servers: Record<Kind, Server> = { baseline, kinline };
    console.log(
      `kinline: \`kinline serve\` (web + workers, pid ${kinline.pid}), LOG_LEVEL=info, shipped limits and operator hours, ${kinline.database}, ${kinline.seeds.length} demo references with secrets; log ${kinline.logFile}`,
    );
    console.log(
      `baseline: Express + validateRequest + one VoiceResponse (pid ${baseline.pid}), built and run the same way; log ${baseline.logFile}`,
    );

    // Warm-up (JIT, pools) that also proves signatures verify and the calls run: a webhook refused here
    // would make every figure after it meaningless.
    for (const s of [baseline, kinline]) {
      const r = await closedLoop(s, Math.min(3, Math.max(1, SECONDS)), 4);
      if (r.non2xx || r.failed || !r.requests)
        throw new Error(`warm-up of ${s.name}: ${r.requests} webhooks, ${errorsOf(r)}; its log ${s.logFile}`);
    }

    console.log(`closed loop: ${ROUNDS} rounds x ${SECONDS} s per server, alternating, ${CONCURRENCY} callers at a time`);
    const closed: Record<Kind, Array<LoadResult & { cpuMs: number }>> = { baseline: [], kinline: [] };
    const ratios: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const order: Kind[] = i % 2 === 0 ? ['baseline', 'kinline'] : ['kinline', 'baseline'];
      for (const kind of order) closed[kind].push(await withCpu(servers[kind], () => closedLoop(servers[kind], SECONDS, CONCURRENCY)));
      const rate = (k: Kind) => closed[k][i].requests / closed[k][i].seconds;
      ratios.push(rate('kinline') / rate('baseline'));
      console.log(
        `  round ${i + 1}: baseline ${rate('baseline').toFixed(0)} webhooks/s, kinline ${rate('kinline').toFixed(0)} webhooks/s, ratio ${ratios[i].toFixed(2)}x`,
      );
    }
    const all = { baseline: merge(closed.baseline), kinline: merge(closed.kinline) };
    for (const kind of ['baseline', 'kinline'] as const) console.log(line(`${kind} (closed loop)`, all[kind]));
    console.log(`  kinline calls ended: ${endings(all.kinline)}`);

    console.log(`open loop, ${RATE_SECONDS} s per server and rate, latency from when each webhook was due:`);
    const fixed: Record<string, LoadResult & { cpuMs: number }> = {};
    for (const rate of RATES) {
      for (const kind of ['baseline', 'kinline'] as const) {
        const r = await withCpu(servers[kind], () => openLoop(servers[kind], rate, RATE_SECONDS));
        fixed[`${kind}@${rate}`] = r;
        console.log(line(`${kind} @ ${rate}/s offered`, r));
      }
    }

    let soaked: SoakResult | undefined;
    if (SOAK_SECONDS > 0) {
      console.log(`soak: kinline for ${SOAK_SECONDS} s at ${SOAK_RATE} webhooks/s offered`);
      soaked = await soak(kinline, SOAK_RATE, SOAK_SECONDS);
      printSoak(soaked);
    }

    const cpu = (k: Kind) => all[k].cpuMs / all[k].requests;
    const p99At1000 = sortedPercentile(fixed['kinline@1000'].latenciesMs, 99);
    console.log('\nsummary');
    console.log(
      `  throughput ratio kinline/baseline: ${median(ratios).toFixed(2)}x (median of ${ROUNDS} rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})`,
    );
    console.log(
      `  server CPU per webhook: baseline ${cpu('baseline').toFixed(3)} ms, kinline ${cpu('kinline').toFixed(3)} ms (${(cpu('kinline') / cpu('baseline')).toFixed(1)}x the baseline)`,
    );
    for (const rate of RATES) {
      const p = (k: Kind) =>
        `p50 ${ms(sortedPercentile(fixed[`${k}@${rate}`].latenciesMs, 50))}, p99 ${ms(sortedPercentile(fixed[`${k}@${rate}`].latenciesMs, 99))}`;
      console.log(`  at ${rate} webhooks/s offered: kinline ${p('kinline')}; baseline ${p('baseline')}`);
    }
    console.log(
      `  kinline p99 at 1000 webhooks/s: ${ms(p99At1000)} (target under ${P99_TARGET_MS} ms: ${p99At1000 < P99_TARGET_MS ? 'met' : 'missed'})`,
    );
    console.log(`  memory over the soak: ${soaked ? soaked.verdicts.join('; ') : 'not measured (BENCH_WEBHOOKS_SOAK_SECONDS=0)'}`);
    const errors = [...Object.values(closed).flat(), ...Object.values(fixed), ...(soaked ? [soaked.load] : [])].reduce(
      (n, r) => n + r.non2xx + r.failed + r.unanswered,
      0,
    );
    console.log(`  errors over the run (non-2xx answers, connection errors, unanswered): ${errors}`);
  } finally {
    await stopAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    for (const s of started)
      console.log(
        `log of ${s.name}: ${s.logFile}, ${fs.existsSync(s.logFile) ? fs.readFileSync(s.logFile, 'utf8').split('\n').length - 1 : 0} lines`,
      );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await run();
