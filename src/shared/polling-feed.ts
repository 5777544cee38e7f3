import type { Logger } from './logger.js';

export interface PollingFeed<T> {
  /** Calls `push` with the snapshot now (when one is known) and after every change; returns the unsubscribe. */
  subscribe(push: (snapshot: T, version: string) => void): () => void;
}

/**
 * One poller per process and screen kind: it reads a snapshot while at least one screen is subscribed and pushes
 * it only when its version changed (twilio-notes, queue screen: a cache or push channel, never per-screen
 * polling). The store it reads is the truth, so a change made by any instance reaches every screen.
 */
export function createPollingFeed<T>(o: {
  read: () => Promise<T>;
  version: (snapshot: T) => string;
  intervalMs: number;
  logger: Logger;
  name: string;
}): PollingFeed<T> {
  const subscribers = new Set<(snapshot: T, version: string) => void>();
  let timer: NodeJS.Timeout | undefined;
  let last: { snapshot: T; version: string } | undefined;
  let running = false;

  async function tick() {
    if (running) return;
    running = true;
    try {
      const snapshot = await o.read();
      const version = o.version(snapshot);
      if (version !== last?.version) {
        last = { snapshot, version };
        for (const push of subscribers) push(snapshot, version);
      }
    } catch (e) {
      o.logger.warn({ err: e }, `console:${o.name} poll failed`);
    } finally {
      running = false;
    }
  }

  return {
    subscribe(push) {
      subscribers.add(push);
      if (last) push(last.snapshot, last.version);
      if (!timer) {
        timer = setInterval(tick, o.intervalMs);
        timer.unref();
        void tick();
      }
      return () => {
        subscribers.delete(push);
        if (subscribers.size === 0 && timer) {
          clearInterval(timer);
          timer = undefined;
          last = undefined;
        }
      };
    },
  };
}
