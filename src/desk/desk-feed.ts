import { createHash } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { readDesk, type DeskSnapshot } from './desk-view.js';
import { createPollingFeed, type PollingFeed } from '../shared/polling-feed.js';

export type DeskFeed = PollingFeed<DeskSnapshot>;

const feeds = new WeakMap<AppContext, DeskFeed>();

/** What makes the desk differ for any viewer (the running timers are counted by the page itself). */
export function deskVersion(s: Pick<DeskSnapshot, 'callers' | 'presences'>): string {
  const shape = [
    s.callers.map((c) => [c.callSid, c.status, c.operatorUserId, c.flags]),
    s.presences.map((p) => [p.userId, p.state, p.since, p.notice, p.peerCallSid]),
  ];
  return createHash('sha1').update(JSON.stringify(shape)).digest('hex').slice(0, 12);
}

/** The desk, read from Redis while at least one desk screen is open, pushed when it changed (for any instance). */
export function deskFeed(ctx: AppContext, intervalMs = 1000): DeskFeed {
  const existing = feeds.get(ctx);
  if (existing) return existing;
  const feed = createPollingFeed({ read: () => readDesk(ctx), version: deskVersion, intervalMs, logger: ctx.logger, name: 'desk-feed' });
  feeds.set(ctx, feed);
  return feed;
}
