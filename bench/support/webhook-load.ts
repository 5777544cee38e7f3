import net from 'node:net';
import { createHmac, randomBytes } from 'node:crypto';

export interface Target {
  base: string;
  authToken: string;
  seeds: Array<{ reference: string; secret: string }>;
}

/** One webhook ready to send: the whole HTTP/1.1 request, signed, as bytes. */
type Wire = Buffer;

/**
 * X-Twilio-Signature as Twilio computes it: HMAC-SHA1 over the URL and the POST parameters sorted by name,
 * each name followed by its value. Written out here rather than taken from the SDK because the load generator
 * shares the machine with the servers it measures: the cheaper it is, the more the figures say about them.
 * test/unit checks it against the SDK's getExpectedTwilioSignature.
 */
export function signWebhook(authToken: string, url: string, params: Record<string, string>): string {
  let data = url;
  for (const k of Object.keys(params).sort()) data += k + params[k];
  return createHmac('sha1', authToken).update(data).digest('base64');
}

function wire(t: Target, path: string, params: Record<string, string>): Wire {
  const body = new URLSearchParams(params).toString();
  const host = new URL(t.base).host;
  const head =
    `POST ${path} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nX-Twilio-Signature: ${signWebhook(t.authToken, t.base + path, params)}\r\n\r\n`;
  return Buffer.from(head + body);
}

/**
 * One simulated call: the keys the caller presses, in the hotline's real order. The mix: 45% status lookups
 * that disclose, 25% wrong secrets, 20% menu browsing to the operator, 10% invalid keys until the
 * three-strikes exit; each ends with a completed status callback. Like Twilio, the call posts each key to the
 * action URL of the answer before (so it carries whatever state kinline put there), and signs each request.
 */
export class Call {
  private readonly common: Record<string, string>;
  private readonly keys: string[];
  private stage = 0;
  private path = '/voice/incoming';

  constructor(
    private readonly t: Target,
    n: number,
  ) {
    const CallSid = `CA${randomBytes(16).toString('hex')}`;
    this.common = { CallSid, AccountSid: `AC${'b'.repeat(32)}`, From: `+7916${String(1000000 + (n % 9000000)).padStart(7, '0')}`, To: '+380441230000', Direction: 'inbound', CallStatus: 'in-progress' };
    const seed = t.seeds[n % Math.max(1, t.seeds.length)] ?? { reference: '7081396985', secret: '1234' };
    // BENCH_WEBHOOKS_ONLY=0..19 replays one kind of call only, to see what each kind costs.
    const r = process.env.BENCH_WEBHOOKS_ONLY ? Number(process.env.BENCH_WEBHOOKS_ONLY) : n % 20;
    this.keys =
      r < 9 ? ['1', '1', seed.reference, '1', seed.secret, '9', '9']
      : r < 14 ? ['1', '1', seed.reference, '1', '0000', '9']
      : r < 18 ? ['', '9', '9', '0']
      : ['1', '5', '5', '5'];
  }

  get done(): boolean {
    return this.stage > this.keys.length + 1;
  }

  /** The next webhook of this call. */
  next(): Wire {
    const s = this.stage;
    if (s === 0) return wire(this.t, this.path, { ...this.common, CallStatus: 'ringing' });
    if (s <= this.keys.length) {
      const k = this.keys[s - 1];
      return wire(this.t, this.path, k === '' ? this.common : { ...this.common, Digits: k });
    }
    return wire(this.t, '/voice/status', { ...this.common, CallStatus: 'completed', CallDuration: '42', SequenceNumber: '3' });
  }

  /** A request that failed: the call is given up (Twilio would play its error and hang up). */
  abandon(): void {
    this.stage = this.keys.length + 2;
  }

  /** Follows the answer: the next key goes to its Gather action; an answer without one ends the call. */
  answered(body: string): void {
    this.stage++;
    if (this.stage > this.keys.length) return;
    const at = body.indexOf('action="');
    if (at < 0) {
      this.stage = this.keys.length + 1;
      return;
    }
    const url = body.slice(at + 8, body.indexOf('"', at + 8));
    this.path = url.startsWith(this.t.base) ? url.slice(this.t.base.length) : new URL(url).pathname;
  }
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;

/**
 * A keep-alive connection that sends one request at a time and reads just enough of each response (status
 * line, Content-Length) to know where it ends. Both servers answer with Content-Length.
 */
class Connection {
  private readonly socket: net.Socket;
  private buf: Buffer = Buffer.alloc(0);
  private waiting?: { resolve(r: { status: number; body: string }): void; reject(e: Error): void };
  readonly ready: Promise<void>;

  constructor(base: string) {
    const u = new URL(base);
    this.socket = net.connect({ host: u.hostname, port: Number(u.port), noDelay: true });
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    this.socket.on('data', (chunk: Buffer) => {
      this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
      this.parse();
    });
    this.socket.on('error', (e) => this.waiting?.reject(e));
    this.socket.on('close', () => {
      this.closed = true;
      this.waiting?.reject(new Error('connection closed'));
    });
  }

  /** Set once the socket is gone, e.g. the server closed it after its keep-alive timeout. */
  closed = false;

  private parse(): void {
    const end = this.buf.indexOf(HEAD_END);
    if (end < 0 || !this.waiting) return;
    const head = this.buf.toString('latin1', 0, end);
    const len = Number(CONTENT_LENGTH.exec(head)?.[1]);
    if (!Number.isFinite(len)) return this.waiting.reject(new Error('response without Content-Length'));
    const total = end + 4 + len;
    if (this.buf.length < total) return;
    const status = Number(head.slice(9, 12));
    const body = this.buf.toString('latin1', end + 4, total);
    this.buf = this.buf.subarray(total);
    const w = this.waiting;
    this.waiting = undefined;
    w.resolve({ status, body });
  }

  send(request: Wire): Promise<{ status: number; body: string }> {
    if (this.closed) return Promise.reject(new Error('connection closed'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.socket.destroy();
  }
}

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
  /**
   * Open loop only: from when each request was written to its answer, the server's part alone. The latencies
   * above count from when it was due, which also holds the load generator's own lateness (its 1 ms timer, its
   * share of the CPUs) and any wait for a free connection; this leaves both out, so it is printed beside
   * them, never instead of them.
   */
  sentToAnswerMs?: number[];
}

/** Closed loop: `concurrency` calls at a time, each on its own connection, each webhook sent when the previous one answered. */
export async function closedLoop(t: Target, seconds: number, concurrency: number): Promise<LoadResult> {
  const lat: number[] = [];
  let errors = 0;
  let n = 0;
  const conns = Array.from({ length: concurrency }, () => new Connection(t.base));
  await Promise.all(conns.map((c) => c.ready));
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    conns.map(async (conn) => {
      while (performance.now() < deadline) {
        const call = new Call(t, n++);
        while (!call.done) {
          const t0 = performance.now();
          const res = await conn.send(call.next());
          if (res.status !== 200) errors++;
          lat.push(performance.now() - t0);
          call.answered(res.body);
          if (performance.now() >= deadline) break;
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  for (const c of conns) c.close();
  return { requests: lat.length, errors, seconds: elapsed, latenciesMs: lat };
}

/**
 * Open loop at a fixed offered rate. Latency counts from when a request was due, not when it was sent,
 * so a server that falls behind cannot hide it (no coordinated omission). Connections are reused and opened
 * as needed, up to 256; past that, due requests wait for a free one (and their wait counts as latency).
 */
export async function openLoop(t: Target, rate: number, seconds: number, onTick?: (elapsedS: number) => void): Promise<LoadResult> {
  const lat: number[] = [];
  const sent: number[] = [];
  let errors = 0;
  let n = 0;
  let due = 0;
  const idleCalls: Call[] = [];
  const idleConns: Connection[] = [];
  const all: Connection[] = [];
  const backlog: Array<{ call: Call; dueAt: number }> = [];
  const start = performance.now();
  const total = Math.round(rate * seconds);
  const inflight = new Set<Promise<void>>();
  let lastTick = 0;
  const dispatch = (call: Call, dueAt: number, conn: Connection) => {
    const sentAt = performance.now();
    const p = conn
      .send(call.next())
      .then((r) => {
        if (r.status !== 200) errors++;
        call.answered(r.body);
      })
      .catch(() => {
        errors++;
        call.abandon();
      })
      .then(() => {
        const now = performance.now();
        lat.push(now - dueAt);
        sent.push(now - sentAt);
        if (!call.done) idleCalls.push(call);
        inflight.delete(p);
        if (conn.closed) {
          // Idle too long for the server's keep-alive timeout: a new connection takes its place when needed.
          all.splice(all.indexOf(conn), 1);
          return;
        }
        const next = backlog.shift();
        if (next) dispatch(next.call, next.dueAt, conn);
        else idleConns.push(conn);
      });
    inflight.add(p);
  };
  while (due < total) {
    const now = performance.now();
    // Every request whose due time has come: request i is due at i/rate s, so at `now` that is floor(...) + 1
    // of them. (Without the + 1 each one went out a whole interval after it was due, and counted it.)
    const shouldHave = Math.min(total, Math.floor(((now - start) / 1000) * rate) + 1);
    for (; due < shouldHave; due++) {
      const dueAt = start + (due / rate) * 1000;
      const call = idleCalls.pop() ?? new Call(t, n++);
      let conn = idleConns.pop();
      while (conn?.closed) {
        all.splice(all.indexOf(conn), 1);
        conn = idleConns.pop();
      }
      if (!conn && all.length < 256) {
        conn = new Connection(t.base);
        all.push(conn);
        await conn.ready;
      }
      if (conn) dispatch(call, dueAt, conn);
      else backlog.push({ call, dueAt });
    }
    const elapsed = Math.floor((now - start) / 1000);
    if (onTick && elapsed !== lastTick) onTick((lastTick = elapsed));
    await new Promise((r) => setTimeout(r, 1));
  }
  while (inflight.size || backlog.length) await Promise.all(inflight);
  const elapsed = (performance.now() - start) / 1000;
  for (const c of all) c.close();
  return { requests: lat.length, errors, seconds: elapsed, latenciesMs: lat, sentToAnswerMs: sent };
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
