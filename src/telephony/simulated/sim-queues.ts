import { newSid } from './new-sid.js';

/** What a <Dial><Queue> hands the dequeued caller: who took it and when the bridge ends. */
export interface Dequeue {
  byCallSid: string;
  /** Runs the Queue url whisper on the caller's call; resolves when it is done (the bridge starts then). */
  whisperDone: Promise<void>;
  /** Resolves when the bridge ends (either party hung up or was redirected). */
  bridgeEnded: Promise<void>;
}

export interface SimQueueMember {
  callSid: string;
  queueSid: string;
  enqueuedAt: number;
  /** Aborted when the caller leaves the queue for any reason: it stops the wait document. */
  abort: AbortController;
  dequeue?: Dequeue;
  /** Seconds waited, fixed when the caller left the queue. */
  waited?: number;
}

export interface SimQueue {
  sid: string;
  name: string;
  maxSize: number;
  createdAt: Date;
  updatedAt: Date;
  members: SimQueueMember[];
  /** Waits of the callers who left the queue (AvgQueueTime, average_wait_time). */
  waits: number[];
  /** Diallers waiting for a caller to arrive (<Dial><Queue> on an empty queue). */
  takers: Array<(m: SimQueueMember) => void>;
}

/**
 * The carrier's call queues (twilio-notes TW-32): created on the first <Enqueue> of a name, first in first
 * out, 1,000 callers at most by default; they live as long as the carrier.
 */
export class SimQueues {
  private readonly byName = new Map<string, SimQueue>();

  /** @param unitMs milliseconds per carrier second (QueueTime and waits count in them, like a <Pause>). */
  constructor(private readonly unitMs = 1000) {}

  private seconds(ms: number): number {
    return Math.max(0, Math.floor(ms / this.unitMs));
  }

  list(): SimQueue[] {
    return [...this.byName.values()];
  }

  find(nameOrSid: string): SimQueue | undefined {
    return this.byName.get(nameOrSid) ?? this.list().find((q) => q.sid === nameOrSid);
  }

  /** Adds a caller at the end of the queue (creating it); undefined when the queue is full. */
  enqueue(name: string, callSid: string): SimQueueMember | undefined {
    let q = this.byName.get(name);
    if (!q) {
      q = { sid: newSid('QU'), name, maxSize: 1000, createdAt: new Date(), updatedAt: new Date(), members: [], waits: [], takers: [] };
      this.byName.set(name, q);
    }
    if (q.members.length >= q.maxSize) return undefined;
    const m: SimQueueMember = { callSid, queueSid: q.sid, enqueuedAt: Date.now(), abort: new AbortController() };
    q.updatedAt = new Date();
    const taker = q.takers.shift();
    if (taker) {
      q.members.push(m);
      taker(this.take(q)!);
    } else q.members.push(m);
    return m;
  }

  /** Takes a caller out of the queue (whatever the reason) and stops its wait document; idempotent. */
  remove(m: SimQueueMember): void {
    this.detach(m);
    m.abort.abort();
  }

  /** Out of the line (no one else can take it), its wait fixed; its wait document still runs. */
  private detach(m: SimQueueMember): void {
    const q = this.find(m.queueSid);
    if (q) {
      const i = q.members.indexOf(m);
      if (i >= 0) q.members.splice(i, 1);
      q.updatedAt = new Date();
    }
    if (m.waited === undefined) {
      m.waited = this.seconds(Date.now() - m.enqueuedAt);
      q?.waits.push(m.waited);
      if (q && q.waits.length > 100) q.waits.shift();
    }
  }

  private take(q: SimQueue): SimQueueMember | undefined {
    const m = q.members[0];
    if (m) this.detach(m);
    return m;
  }

  /**
   * The caller who waited longest; on an empty queue waits up to `timeoutMs` for the next one (Twilio's
   * <Dial> timeout, twilio-notes TW-39). Undefined when none came or `signal` aborted (the dialler hung up).
   * The caller is out of the line at once; the dialler sets `dequeue` and then calls `remove` to stop its wait.
   */
  takeOldest(q: SimQueue, timeoutMs: number, signal: AbortSignal): Promise<SimQueueMember | undefined> {
    const now = this.take(q);
    if (now || signal.aborted) return Promise.resolve(now);
    return new Promise((resolve) => {
      const taker = (m: SimQueueMember | undefined) => {
        clearTimeout(timer);
        const i = q.takers.indexOf(taker);
        if (i >= 0) q.takers.splice(i, 1);
        resolve(m);
      };
      const timer = setTimeout(() => taker(undefined), timeoutMs);
      q.takers.push(taker);
      signal.addEventListener('abort', () => q.takers.includes(taker) && taker(undefined), { once: true });
    });
  }

  position(m: SimQueueMember): number {
    return (this.find(m.queueSid)?.members.indexOf(m) ?? -1) + 1;
  }

  waitOf(m: SimQueueMember): number {
    return m.waited ?? this.seconds(Date.now() - m.enqueuedAt);
  }

  averageWait(q: SimQueue): number {
    return q.waits.length ? Math.round(q.waits.reduce((a, b) => a + b, 0) / q.waits.length) : 0;
  }
}
