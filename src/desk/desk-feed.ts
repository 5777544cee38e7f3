import { createHash } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { readDesk, type DeskSnapshot } from './desk-view.js';

export interface DeskFeed {
  /** Calls `push` with the desk now and after every change; returns the unsubscribe function. */
  subscribe(push: (s: DeskSnapshot) => void): () => void;
}

const feeds = new WeakMap<AppContext, DeskFeed>();

/** What makes the desk differ for any viewer (the running timers are counted by the page itself). */
export function deskVersion(s: Pick<DeskSnapshot, 'callers' | 'presences'>): string {
  const shape = [
    s.callers.map((c) => [c.callSid, c.status, c.operatorUserId, c.flags]),
    s.presences.map((p) => [p.userId, p.state, p.since, p.notice, p.peerCallSid]),
  ];
  return createHash('sha1').update(JSON.stringify(shape)).digest('hex').slice(0, 12);
}

/**
 * One poller per process reads the desk from Redis while at least one desk screen is open and pushes it only
 * when it changed; Redis is the truth, so a change made by any instance reaches every screen.
 */
export function deskFeed(ctx: AppContext, intervalMs = 1000): DeskFeed {
  const existing = feeds.get(ctx);
  if (existing) return existing;
  const subscribers = new Set<(s: DeskSnapshot) => void>();
  let timer: NodeJS.Timeout | undefined;
  let last: { s: DeskSnapshot; version: string } | undefined;
  let running = false;

  async function tick() {
    if (running) return;
    running = true;
    try {
      const s = await readDesk(ctx);
      const version = deskVersion(s);
      if (version !== last?.version) {
        last = { s, version };
        for (const push of subscribers) push(s);
      }
    } catch (e) {
      ctx.logger.warn({ err: e }, 'console:desk-feed poll failed');
    } finally {
      running = false;
    }
  }

  const feed: DeskFeed = {
    subscribe(push) {
      subscribers.add(push);
      if (last) push(last.s);
      if (!timer) {
        timer = setInterval(tick, intervalMs);
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
  feeds.set(ctx, feed);
  return feed;
}
