import net from 'node:net';
import twilio from 'twilio';
import { SimulatedCall, type CallTarget, type Webhook } from './simulated-call.js';

/** The whole HTTP/1.1 request of a webhook, signed against the target's public URL. */
function wire(t: CallTarget, w: Webhook): Buffer {
  const body = new URLSearchParams(w.params).toString();
  const head =
    `POST ${w.path} HTTP/1.1\r\nHost: ${new URL(t.base).host}\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
    `Content-Length: ${Buffer.byteLength(body)}\r\nX-Twilio-Signature: ${twilio.getExpectedTwilioSignature(t.authToken, t.base + w.path, w.params)}\r\n\r\n`;
  return Buffer.from(head + body);
}

const HEAD_END = Buffer.from('\r\n\r\n');
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;
// Node's HTTP server closes a keep-alive connection idle for 5 s. One idle for longer than this is not reused:
// a request written just as the server closes it would fail and count against the server.
const MAX_IDLE_MS = 4000;

/**
 * A keep-alive connection that sends one request at a time and reads just enough of each response (status
 * line, Content-Length) to know where it ends. Both servers answer with Content-Length.
 */
class Connection {
  private readonly socket: net.Socket;
  private buf: Buffer = Buffer.alloc(0);
  private waiting?: { resolve(r: { status: number; body: string }): void; reject(e: Error): void };
  readonly ready: Promise<void>;
  /** Set once the socket is gone, e.g. the server closed it. */
  closed = false;
  lastUsed = performance.now();

  constructor(base: string) {
    const u = new URL(base);
    this.socket = net.connect({ host: u.hostname, port: Number(u.port), noDelay: true });
    this.ready = new Promise((resolve, reject) => {
      this.socket.once('connect', resolve);
      this.socket.once('error', reject);
    });
    this.ready.catch(() => {}); // a refused connection is reported by send()
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

  get stale(): boolean {
    return this.closed || performance.now() - this.lastUsed > MAX_IDLE_MS;
  }

  private parse(): void {
    const end = this.buf.indexOf(HEAD_END);
    if (end < 0 || !this.waiting) return;
    const head = this.buf.toString('latin1', 0, end);
    const len = Number(CONTENT_LENGTH.exec(head)?.[1]);
    if (!Number.isFinite(len)) return this.waiting.reject(new Error('response without Content-Length'));
    const total = end + 4 + len;
    if (this.buf.length < total) return;
    const status = Number(head.slice(9, 12));
    const body = this.buf.toString('utf8', end + 4, total);
    this.buf = this.buf.subarray(total);
    const w = this.waiting;
    this.waiting = undefined;
    this.lastUsed = performance.now();
    w.resolve({ status, body });
  }

  send(request: Buffer): Promise<{ status: number; body: string }> {
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
  /** Webhooks answered (any status), plus those counted as unanswered. */
  requests: number;
  /** Answers other than 2xx. */
  non2xx: number;
  /** Connection errors. */
  failed: number;
  /** Open loop: webhooks still unanswered (or not yet sent) 30 s after the last was due. */
  unanswered: number;
  seconds: number;
  latenciesMs: number[];
  /**
   * Open loop only: from when each request was written to its answer, the server's part alone. The latencies
   * above count from when it was due, which also holds the load generator's own lateness (its 1 ms timer, its
   * share of the CPUs) and any wait for a free connection; this leaves both out, so it is printed beside
   * them, never instead of them.
   */
  sentToAnswerMs?: number[];
  /** Calls that ended during the run, by how they ended. */
  endings: Record<string, number>;
}

const emptyResult = (): LoadResult => ({ requests: 0, non2xx: 0, failed: 0, unanswered: 0, seconds: 0, latenciesMs: [], endings: {} });

/** Counts a call that has just ended. */
function tally(r: LoadResult, call: SimulatedCall): void {
  if (call.done && call.ending) r.endings[call.ending] = (r.endings[call.ending] ?? 0) + 1;
}

/**
 * Closed loop: `concurrency` callers at a time, each on its own connection, each webhook sent when the previous
 * one was answered; a caller whose call ends starts the next one. The server's throughput at saturation.
 */
export async function closedLoop(t: CallTarget, seconds: number, concurrency: number): Promise<LoadResult> {
  const r = emptyResult();
  let n = 0;
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      let conn = new Connection(t.base);
      while (performance.now() < deadline) {
        const call = new SimulatedCall(t, n++);
        while (!call.done && performance.now() < deadline) {
          const t0 = performance.now();
          try {
            const res = await conn.send(wire(t, call.next()));
            if (res.status < 200 || res.status >= 300) r.non2xx++;
            call.answered(res.status, res.body);
          } catch {
            r.failed++;
            call.abandon();
            conn.close();
            await new Promise((resolve) => setTimeout(resolve, 50));
            conn = new Connection(t.base);
          }
          r.latenciesMs.push(performance.now() - t0);
          tally(r, call);
        }
      }
      conn.close();
    }),
  );
  r.seconds = (performance.now() - start) / 1000;
  r.requests = r.latenciesMs.length;
  return r;
}

// Answers still missing this long after the last webhook was due are counted as unanswered (Twilio gives up on a
// webhook after 15 s): an overloaded server ends the phase instead of draining a backlog for minutes.
const DRAIN_MS = 30_000;
const MAX_CONNECTIONS = 256;

/**
 * Open loop at a fixed offered rate of webhooks per second, whatever the server's pace. Each webhook due is
 * the next of a call waiting for one, or the first of a new call. Latency counts from when a webhook was due,
 * not when it was sent, so a server that falls behind cannot hide it (no coordinated omission). Connections are
 * reused and opened as needed, up to 256; past that, due webhooks wait for a free one (and the wait counts).
 * `onSecond` is called once a second with the seconds elapsed.
 */
export async function openLoop(t: CallTarget, rate: number, seconds: number, onSecond?: (elapsedS: number) => void): Promise<LoadResult> {
  const r = emptyResult();
  const sent: number[] = [];
  let n = 0;
  let due = 0;
  let over = false;
  const waitingCalls: SimulatedCall[] = [];
  const idleConns: Connection[] = [];
  let open = 0;
  const backlog: Array<{ call: SimulatedCall; dueAt: number }> = [];
  const inflight = new Map<Promise<void>, { conn: Connection; dueAt: number }>();
  const start = performance.now();
  const total = Math.round(rate * seconds);
  let lastSecond = 0;
  const dispatch = (call: SimulatedCall, dueAt: number, conn: Connection) => {
    const sentAt = performance.now();
    const p: Promise<void> = conn
      .send(wire(t, call.next()))
      .then(
        (res) => {
          if (res.status < 200 || res.status >= 300) r.non2xx++;
          call.answered(res.status, res.body);
        },
        () => {
          r.failed++;
          call.abandon();
        },
      )
      .then(() => {
        inflight.delete(p);
        if (over) return; // counted as unanswered already
        const now = performance.now();
        r.latenciesMs.push(now - dueAt);
        sent.push(now - sentAt);
        tally(r, call);
        if (!call.done) waitingCalls.push(call);
        if (conn.closed) {
          open--;
          return;
        }
        const next = backlog.shift();
        if (next) dispatch(next.call, next.dueAt, conn);
        else idleConns.push(conn);
      });
    inflight.set(p, { conn, dueAt });
  };
  const freeConnection = async (): Promise<Connection | undefined> => {
    for (let c = idleConns.pop(); c; c = idleConns.pop()) {
      if (!c.stale) return c;
      c.close();
      open--;
    }
    if (open >= MAX_CONNECTIONS) return undefined;
    const c = new Connection(t.base);
    open++;
    await c.ready.catch(() => {});
    return c;
  };
  while (due < total) {
    const now = performance.now();
    // Webhook i is due at i/rate s, so by `now` floor(...) + 1 of them are.
    const dueByNow = Math.min(total, Math.floor(((now - start) / 1000) * rate) + 1);
    for (; due < dueByNow; due++) {
      const dueAt = start + (due / rate) * 1000;
      const call = waitingCalls.shift() ?? new SimulatedCall(t, n++);
      const conn = await freeConnection();
      if (conn) dispatch(call, dueAt, conn);
      else backlog.push({ call, dueAt });
    }
    const second = Math.floor((now - start) / 1000);
    if (onSecond && second !== lastSecond) onSecond((lastSecond = second));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const drainUntil = performance.now() + DRAIN_MS;
  while ((inflight.size || backlog.length) && performance.now() < drainUntil) {
    await Promise.race([...inflight.keys(), new Promise((resolve) => setTimeout(resolve, 100))]);
  }
  over = true;
  const end = performance.now();
  for (const w of [...backlog, ...inflight.values()]) {
    r.unanswered++;
    r.latenciesMs.push(end - w.dueAt);
  }
  for (const c of [...idleConns, ...[...inflight.values()].map((w) => w.conn)]) c.close();
  r.seconds = (end - start) / 1000;
  r.requests = r.latenciesMs.length;
  r.sentToAnswerMs = sent;
  return r;
}

export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
