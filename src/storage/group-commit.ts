/**
 * Group commit: while one write is in flight, further items queue; when it finishes, the queued items are
 * written together. At low load an item is written at once (no timer, no added latency); under load the
 * number of statements, round trips and connections stays bounded while throughput grows with batch size.
 */
export interface GroupCommitOptions<T> {
  /**
   * Items with the same key never share a batch: a multi-row upsert may not touch one row twice. A later
   * item with a key already in the batch waits for a following batch, so items of one key are written in
   * the order they were added; items of different keys must commute (touch different rows).
   */
  key(item: T): string;
  /**
   * Items of different groups are written by separate calls of `write` (separate statements) in the same
   * round, concurrently; their keys are distinct, so they touch different rows.
   */
  group(item: T): string;
  /**
   * Writes items of one group in one statement. When a statement of several items fails, each item is
   * written again alone, and only the callers whose own statement fails get the error.
   */
  write(items: T[]): Promise<void>;
  maxBatch: number;
  /**
   * How long an item that arrives while nothing is being written may wait for others to share its statement
   * (0: written at once). An item that may not wait starts the write of everything queued.
   */
  lingerMs?(item: T): number;
}

interface Waiter<T> {
  item: T;
  key: string;
  group: string;
  resolve(): void;
  reject(e: unknown): void;
}

export interface GroupCommit<T> {
  /** Queues an item; settles when the statement holding it has completed. */
  (item: T): Promise<void>;
  /** Writes whatever is queued or lingering now; resolves when nothing is left to write (before a close). */
  flush(): Promise<void>;
}

export function createGroupCommit<T>(opts: GroupCommitOptions<T>): GroupCommit<T> {
  let queue: Waiter<T>[] = [];
  let busy = false;
  let lingering: NodeJS.Timeout | undefined;
  let draining: Promise<void> | undefined;

  // The oldest items first, one per key, at most maxBatch; the rest keep their order for the next round.
  const take = (): Waiter<T>[] => {
    const batch: Waiter<T>[] = [];
    const keys = new Set<string>();
    const rest: Waiter<T>[] = [];
    for (const w of queue) {
      if (batch.length < opts.maxBatch && !keys.has(w.key)) {
        keys.add(w.key);
        batch.push(w);
      } else rest.push(w);
    }
    queue = rest;
    return batch;
  };

  const writeGroup = async (ws: Waiter<T>[]): Promise<void> => {
    try {
      await opts.write(ws.map((w) => w.item));
    } catch (e) {
      if (ws.length === 1) {
        ws[0].reject(e);
        return;
      }
      // One bad item must not fail the others that happened to share its statement: each is tried alone,
      // so an error reaches only the caller whose item caused it.
      for (const w of ws) await writeGroup([w]);
      return;
    }
    for (const w of ws) w.resolve();
  };

  const drain = async (): Promise<void> => {
    if (lingering) clearTimeout(lingering);
    lingering = undefined;
    busy = true;
    try {
      while (queue.length > 0) {
        const groups = new Map<string, Waiter<T>[]>();
        for (const w of take()) {
          const list = groups.get(w.group);
          if (list) list.push(w);
          else groups.set(w.group, [w]);
        }
        // writeGroup never rejects: every failure is handed to the items' callers.
        await Promise.all([...groups.values()].map(writeGroup));
      }
    } finally {
      busy = false;
    }
  };

  const start = () => {
    draining = drain();
  };

  const submit = (item: T) =>
    new Promise<void>((resolve, reject) => {
      // key and group are read here, so a throwing one fails this caller only, never the drain loop.
      const linger = opts.lingerMs?.(item) ?? 0;
      queue.push({ item, key: opts.key(item), group: opts.group(item), resolve, reject });
      if (busy) return;
      // Started synchronously: the first item of a quiet period is taken alone, at once, unless it may wait.
      if (linger <= 0) start();
      else lingering ??= setTimeout(start, linger);
    });

  const flush = async (): Promise<void> => {
    if (!busy && queue.length > 0) start();
    while (busy && draining) await draining;
  };

  return Object.assign(submit, { flush });
}
