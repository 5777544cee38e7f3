import type { AppContext } from '../app-context.js';
import { createPollingFeed, type PollingFeed } from '../shared/polling-feed.js';
import { callDetail, callDetailVersion, type CallDetail } from './call-detail.js';

export type CallFeed = PollingFeed<CallDetail>;

const feeds = new WeakMap<AppContext, Map<string, { feed: CallFeed; screens: number }>>();

/**
 * One call's detail, read from the database while at least one page on that call is open (one poller per call
 * and process, however many screens), pushed when it changed. The queue feed is not enough: a listener joining
 * or leaving, a carrier callback, move no queue row.
 */
export function callFeed(ctx: AppContext, callId: string, intervalMs = 1000): CallFeed {
  let byCall = feeds.get(ctx);
  if (!byCall) feeds.set(ctx, (byCall = new Map()));
  const calls = byCall;
  return {
    subscribe(push) {
      let entry = calls.get(callId);
      if (!entry) {
        const feed = createPollingFeed({
          read: () => callDetail(ctx, callId),
          version: callDetailVersion,
          intervalMs,
          logger: ctx.logger,
          name: 'call-feed',
        });
        calls.set(callId, (entry = { feed, screens: 0 }));
      }
      const mine = entry;
      mine.screens++;
      const unsubscribe = mine.feed.subscribe(push);
      return () => {
        unsubscribe();
        if (--mine.screens === 0 && calls.get(callId) === mine) calls.delete(callId);
      };
    },
  };
}
