import { createHash } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { queueSnapshot, type QueueItem } from './call-queue.js';
import { todaysFigures, type TodaysFigures } from './todays-figures.js';
import { readDesk } from '../desk/desk-view.js';
import { deskVersion } from '../desk/desk-feed.js';

export interface QueueFeed {
  /** Calls `push` with the current items now and after every change; returns the unsubscribe function. */
  subscribe(push: (items: QueueItem[], version: string, figures: TodaysFigures) => void): () => void;
}

const feeds = new WeakMap<AppContext, QueueFeed>();

/**
 * One poller per process reads the queue from the database while at least one supervisor screen is open
 * and pushes a snapshot only when something changed (twilio-notes, queue screen: a cache or push channel, never
 * per-screen polling). The database is the truth, so this works whichever process moved the call.
 */
export function queueFeed(ctx: AppContext, intervalMs = 1000): QueueFeed {
  const existing = feeds.get(ctx);
  if (existing) return existing;
  const subscribers = new Set<(items: QueueItem[], version: string, figures: TodaysFigures) => void>();
  let timer: NodeJS.Timeout | undefined;
  let last: { items: QueueItem[]; version: string; figures: TodaysFigures } | undefined;
  let running = false;

  async function tick() {
    if (running) return;
    running = true;
    try {
      const items = await queueSnapshot(ctx);
      // The desk's callers and operators move the header tiles too (callers waiting, calls per operator).
      const desk = deskVersion(await readDesk(ctx));
      const version = createHash('sha1')
        .update(JSON.stringify([desk, items.map((i) => [i.kind, i.id, i.state, i.reason, i.attempts, i.at])]))
        .digest('hex')
        .slice(0, 12);
      if (version !== last?.version) {
        // The header tiles move with the queue, so they are recomputed on the same change.
        const figures = await todaysFigures(ctx);
        last = { items, version, figures };
        for (const s of subscribers) s(items, version, figures);
      }
    } catch (e) {
      ctx.logger.warn({ err: e }, 'console:queue-feed poll failed');
    } finally {
      running = false;
    }
  }

  const feed: QueueFeed = {
    subscribe(push) {
      subscribers.add(push);
      if (last) push(last.items, last.version, last.figures);
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
