/**
 * Batched reads, the read side of group commit (group-commit.ts): while one read is in flight, further keys
 * queue; when it finishes, the queued keys are read together in one statement. At low load a key is read at
 * once, alone (no timer, no added latency); under load the statements, round trips and wake-ups of the
 * database grow with the number of batches rather than with the number of keys.
 */
export interface BatchedReadsOptions<K, R> {
  /** Reads `keys` (distinct) in one statement: the result of each key found; a key left out has none. */
  read(keys: K[]): Promise<Map<K, R>>;
  /** The most keys one statement reads; more wait for the next one. */
  maxBatch: number;
  /**
   * How long one statement may take. Every later key waits for it, so a statement stuck on a dead
   * connection must not hold them all: past this its keys fail, and the next statement goes out.
   */
  timeoutMs: number;
}

/** A statement of batched reads that took longer than its timeout; its keys fail, later ones are read anew. */
export class BatchedReadTimeout extends Error {
  constructor(ms: number) {
    super(`the database did not answer a read within ${ms} ms; this lookup fails, the next one is sent on a fresh statement`);
    this.name = 'BatchedReadTimeout';
  }
}

interface Waiter<K, R> {
  key: K;
  resolve(r: R | undefined): void;
  reject(e: unknown): void;
}

/** Reads one key, in whatever statement it shares; undefined when the read found nothing for it. */
export type BatchedRead<K, R> = (key: K) => Promise<R | undefined>;

export function createBatchedReads<K, R>(opts: BatchedReadsOptions<K, R>): BatchedRead<K, R> {
  let queue: Waiter<K, R>[] = [];
  let busy = false;

  // The oldest waiters whose keys fit in one statement; waiters for a key already taken share its result.
  const take = (): { keys: K[]; waiters: Waiter<K, R>[] } => {
    const keys = new Set<K>();
    const waiters: Waiter<K, R>[] = [];
    const rest: Waiter<K, R>[] = [];
    for (const w of queue) {
      if (keys.has(w.key) || keys.size < opts.maxBatch) {
        keys.add(w.key);
        waiters.push(w);
      } else rest.push(w);
    }
    queue = rest;
    return { keys: [...keys], waiters };
  };

  const timed = (keys: K[]) =>
    new Promise<Map<K, R>>((resolve, reject) => {
      const timer = setTimeout(() => reject(new BatchedReadTimeout(opts.timeoutMs)), opts.timeoutMs);
      opts.read(keys).then(
        (v) => (clearTimeout(timer), resolve(v)),
        (e: unknown) => (clearTimeout(timer), reject(e)),
      );
    });

  const readBatch = async (keys: K[], waiters: Waiter<K, R>[]): Promise<void> => {
    let found: Map<K, R>;
    try {
      found = await timed(keys);
    } catch (e) {
      // A statement that timed out would only time out again; one that failed may have failed for one key.
      if (keys.length === 1 || e instanceof BatchedReadTimeout) {
        for (const w of waiters) w.reject(e);
        return;
      }
      // A failure must reach only the callers whose own read fails: each key is read again alone.
      await Promise.all(keys.map((k) => readBatch([k], waiters.filter((w) => w.key === k))));
      return;
    }
    for (const w of waiters) w.resolve(found.get(w.key));
  };

  const drain = async (): Promise<void> => {
    busy = true;
    try {
      while (queue.length > 0) {
        const { keys, waiters } = take();
        // readBatch never rejects: every failure is handed to the waiters.
        await readBatch(keys, waiters);
      }
    } finally {
      busy = false;
    }
  };

  return (key: K) =>
    new Promise<R | undefined>((resolve, reject) => {
      queue.push({ key, resolve, reject });
      // Started synchronously: the first key of a quiet period is read alone, at once.
      if (!busy) void drain();
    });
}
