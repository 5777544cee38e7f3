/**
 * What the desk benchmark compares kinline with: the same callers on an ideal desk (a discrete-event simulation
 * with no machinery at all), and Erlang C for a steady load. Times are in simulated (real-life) seconds.
 */

/** A fixed-seed generator (mulberry32), so every run draws the same callers. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ModelCaller {
  /** When the caller joins the queue. */
  enqueuedAt: number;
  /** Talk time once bridged. */
  talk: number;
  /** When the caller hangs up whatever happens (an impatient caller), if ever. */
  hangsUpAt?: number;
}

export interface ModelResult {
  /** Per caller: seconds waited until bridged, or undefined when they hung up in the queue. */
  waits: Array<number | undefined>;
}

/**
 * An ideal desk: `operators` free at time 0; whenever one is free (after its call and `wrapUp`) and a caller waits,
 * it takes the caller waiting longest at once, the operator idle longest first; each take costs `ring` seconds
 * (the operator's phone rings) before the bridge. A caller whose `hangsUpAt` comes first leaves the queue.
 */
export function idealDesk(callers: ModelCaller[], operators: number, wrapUp: number, ring: number): ModelResult {
  const freeAt = Array.from({ length: operators }, () => 0);
  const order = callers.map((_, i) => i).sort((a, b) => callers[a].enqueuedAt - callers[b].enqueuedAt);
  const waits: Array<number | undefined> = callers.map(() => undefined);
  for (const i of order) {
    const c = callers[i];
    // FIFO with identical operators: the caller goes to the operator free first (the one idle longest).
    let k = 0;
    for (let j = 1; j < operators; j++) if (freeAt[j] < freeAt[k]) k = j;
    const bridgedAt = Math.max(c.enqueuedAt, freeAt[k]) + ring;
    if (c.hangsUpAt !== undefined && c.hangsUpAt <= bridgedAt) continue; // gave up: the operator stays free
    const end = Math.min(bridgedAt + c.talk, c.hangsUpAt ?? Infinity);
    freeAt[k] = end + wrapUp;
    waits[i] = bridgedAt - c.enqueuedAt;
  }
  return { waits };
}

/** Erlang C: the share of callers answered within `t` seconds, for `agents` and a steady load. */
export function erlangCServiceLevel(callsPerSecond: number, handleSeconds: number, agents: number, t: number): number | undefined {
  const a = callsPerSecond * handleSeconds;
  if (a >= agents) return undefined; // no steady state: the queue grows without end
  let term = 1;
  let sum = 1;
  for (let k = 1; k < agents; k++) sum += term *= a / k;
  const last = (term * a) / agents;
  const pWait = (last * (agents / (agents - a))) / (sum + last * (agents / (agents - a)));
  return 1 - pWait * Math.exp((-(agents - a) * t) / handleSeconds);
}

export const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : NaN;
};
export const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
