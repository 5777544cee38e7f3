import { createHash } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { queueSnapshot, type QueueItem } from './call-queue.js';
import { todaysFigures, type TodaysFigures } from './todays-figures.js';
import { readDesk } from '../desk/desk-view.js';
import { deskVersion } from '../desk/desk-feed.js';
import { createPollingFeed, type PollingFeed } from '../shared/polling-feed.js';

export interface QueueSnapshot {
  items: QueueItem[];
  figures: TodaysFigures;
  /** The desk's callers and operators move the header tiles too (callers waiting, calls per operator). */
  desk: string;
}
export type QueueFeed = PollingFeed<QueueSnapshot>;

const feeds = new WeakMap<AppContext, QueueFeed>();

/**
 * What makes the screen differ: the queue, the desk, and the header figures, which also move without either
 * (a bridged caller's Enqueue result reaches the call log when the call ends, after the desk let them go). The
 * longest wait is left out: it grows every second and the page counts it itself.
 */
export const queueVersion = (s: QueueSnapshot) =>
  createHash('sha1')
    .update(
      JSON.stringify([
        s.desk,
        s.items.map((i) => [i.kind, i.id, i.state, i.reason, i.attempts, i.at]),
        { ...s.figures, longestWaitSeconds: undefined },
      ]),
    )
    .digest('hex')
    .slice(0, 12);

/**
 * The supervisors' queue, read from the database (the truth, whichever process moved a call) while at least one
 * supervisor screen is open, pushed with the header tiles when it changed.
 */
export function queueFeed(ctx: AppContext, intervalMs = 1000): QueueFeed {
  const existing = feeds.get(ctx);
  if (existing) return existing;
  const feed = createPollingFeed({
    read: async (): Promise<QueueSnapshot> => ({
      items: await queueSnapshot(ctx),
      figures: await todaysFigures(ctx),
      desk: deskVersion(await readDesk(ctx)),
    }),
    version: queueVersion,
    intervalMs,
    logger: ctx.logger,
    name: 'queue-feed',
  });
  feeds.set(ctx, feed);
  return feed;
}
