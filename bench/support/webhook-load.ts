import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { signTwilioRequest } from '../../src/telephony/twilio/signature.js';

export interface Target {
  base: string;
  authToken: string;
  seeds: Array<{ reference: string; secret: string }>;
}

type Req = { path: string; params: Record<string, string> };

/**
 * One simulated call as a list of signed webhooks, in the hotline's real order (turn N posts to /voice/step/N).
 * The mix: 45% status lookups that disclose, 25% wrong secrets, 20% menu browsing to the operator, 10%
 * invalid keys until the three-strikes exit; each ends with a completed status callback.
 */
export function makeCall(seeds: Target['seeds'], n: number): Req[] {
  const CallSid = `CA${randomBytes(16).toString('hex')}`;
  const common = { CallSid, AccountSid: `AC${'b'.repeat(32)}`, From: `+7916${String(1000000 + (n % 9000000)).padStart(7, '0')}`, To: '+380441230000', Direction: 'inbound', CallStatus: 'in-progress' };
  const seed = seeds[n % Math.max(1, seeds.length)] ?? { reference: '7081396985', secret: '1234' };
  const r = n % 20;
  const keys =
    r < 9 ? ['1', '1', seed.reference, '1', seed.secret, '9', '9']
    : r < 14 ? ['1', '1', seed.reference, '1', '0000', '9']
    : r < 18 ? ['', '9', '9', '0']
    : ['1', '5', '5', '5'];
  const out: Req[] = [{ path: '/voice/incoming', params: { ...common, CallStatus: 'ringing' } }];
  keys.forEach((k, i) => out.push({ path: `/voice/step/${i + 1}`, params: k === '' ? common : { ...common, Digits: k } }));
  out.push({ path: '/voice/status', params: { ...common, CallStatus: 'completed', CallDuration: '42', SequenceNumber: '3' } });
  return out;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

/** Posts one signed webhook; resolves with the HTTP status. */
export function post(t: Target, req: Req): Promise<number> {
  const body = new URLSearchParams(req.params).toString();
  const url = new URL(t.base + req.path);
  const signature = signTwilioRequest(t.authToken, t.base + req.path, req.params);
  return new Promise((resolve, reject) => {
    const r = http.request(
      { host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'x-twilio-signature': signature } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    r.on('error', reject);
    r.end(body);
  });
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

/** Closed loop: `concurrency` calls at a time, each webhook sent when the previous one answered. */
export async function closedLoop(t: Target, seconds: number, concurrency: number): Promise<LoadResult> {
  const lat: number[] = [];
  let errors = 0;
  let n = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        for (const req of makeCall(t.seeds, n++)) {
          const t0 = performance.now();
          if ((await post(t, req)) !== 200) errors++;
          lat.push(performance.now() - t0);
          if (performance.now() >= deadline) break;
        }
      }
    }),
  );
  return { requests: lat.length, errors, seconds: (performance.now() - start) / 1000, latenciesMs: lat };
}

/**
 * Open loop at a fixed offered rate. Latency counts from when a request was due, not when it was sent,
 * so a server that falls behind cannot hide it (no coordinated omission).
 */
export async function openLoop(t: Target, rate: number, seconds: number, onTick?: (elapsedS: number) => void): Promise<LoadResult> {
  const lat: number[] = [];
  let errors = 0;
  let n = 0;
  let due = 0;
  const idle: Req[][] = [];
  const start = performance.now();
  const total = Math.round(rate * seconds);
  const inflight = new Set<Promise<void>>();
  let lastTick = 0;
  while (due < total) {
    const now = performance.now();
    const shouldHave = Math.min(total, Math.floor(((now - start) / 1000) * rate));
    for (; due < shouldHave; due++) {
      const dueAt = start + (due / rate) * 1000;
      const call = idle.pop() ?? makeCall(t.seeds, n++);
      const req = call.shift()!;
      const p = post(t, req)
        .then((s) => {
          if (s !== 200) errors++;
        })
        .catch(() => {
          errors++;
        })
        .then(() => {
          lat.push(performance.now() - dueAt);
          if (call.length) idle.push(call);
          inflight.delete(p);
        });
      inflight.add(p);
    }
    const elapsed = Math.floor((now - start) / 1000);
    if (onTick && elapsed !== lastTick) onTick((lastTick = elapsed));
    await new Promise((r) => setTimeout(r, 1));
  }
  await Promise.all(inflight);
  return { requests: lat.length, errors, seconds: (performance.now() - start) / 1000, latenciesMs: lat };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
