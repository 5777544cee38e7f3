import { cpuMs, rssMiB } from './proc-stats.js';
import type { KinlineUnderTest } from './start-kinline.js';
import { openLoop, type LoadResult } from './webhook-load.js';

export interface SoakResult {
  load: LoadResult & { cpuMs: number };
  samples: Array<{ atS: number; rssMiB: number; heapMiB?: number }>;
  /** One line per measure of memory: flat or growing, with the peaks it was judged on. */
  verdicts: string[];
}

// Growth of the second half's peak over the first half's that still counts as flat: a heap is a saw, and a
// cache or pool filling up in the first minutes is not a leak.
const FLAT_WITHIN = 0.05;

function verdict(name: string, points: Array<{ atS: number; v: number | undefined }>, seconds: number): string | undefined {
  const known = points.filter((p): p is { atS: number; v: number } => p.v !== undefined && Number.isFinite(p.v));
  const first = known.filter((p) => p.atS < seconds / 2).map((p) => p.v);
  const second = known.filter((p) => p.atS >= seconds / 2).map((p) => p.v);
  if (!first.length || !second.length) return known.length ? `${name}: too few samples to judge` : undefined;
  const a = Math.max(...first);
  const b = Math.max(...second);
  const growth = (b - a) / a;
  return `${name} ${growth <= FLAT_WITHIN ? 'flat' : 'growing'}: peak ${a.toFixed(0)} MiB in the first half, ${b.toFixed(0)} MiB in the second (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%)`;
}

/**
 * kinline at a fixed offered rate for `seconds`, sampling its RSS (/proc) and its used heap (GET /metrics)
 * before, every `every` seconds (30 at most, at least six samples) and after.
 */
export async function soak(k: KinlineUnderTest, rate: number, seconds: number): Promise<SoakResult> {
  const every = Math.min(30, Math.max(1, Math.round(seconds / 6)));
  const pending: Array<Promise<SoakResult['samples'][number]>> = [];
  const sample = (atS: number) => pending.push((async () => ({ atS, rssMiB: rssMiB(k.pid), heapMiB: await k.heapMiB() }))());
  sample(0);
  const before = cpuMs(k.pid);
  const load = await openLoop(k, rate, seconds, (s) => {
    if (s % every === 0 && s < seconds) sample(s);
  });
  const used = cpuMs(k.pid) - before;
  sample(seconds);
  const samples = (await Promise.all(pending)).sort((a, b) => a.atS - b.atS);
  const verdicts = [
    verdict(
      'RSS',
      samples.map((s) => ({ atS: s.atS, v: s.rssMiB })),
      seconds,
    ),
    verdict(
      'used heap',
      samples.map((s) => ({ atS: s.atS, v: s.heapMiB })),
      seconds,
    ),
  ].filter((v): v is string => v !== undefined);
  return { load: { ...load, cpuMs: used }, samples, verdicts };
}
