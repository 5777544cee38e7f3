import { createHash } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { callTimeline } from './call-queue.js';

export type CallDetail = Awaited<ReturnType<typeof callTimeline>> & {
  /** Display names of the staff who acted on the call, by username: the page names people, never numbers. */
  names: Record<string, string>;
  /** The console user whose phone is the call's monitor line, by name; null when none is (the number stays hidden). */
  monitorName: string | null;
  /** The server's clock when read: the page's timers count from it, whatever the browser's clock says. */
  now: Date;
};

/** A call's detail for the call page: its timeline plus the names of the people in it. */
export async function callDetail(ctx: AppContext, id: string): Promise<CallDetail> {
  const t = await callTimeline(ctx, id);
  const names: Record<string, string> = {};
  const actors = new Set(t.events.map((e) => e.actor).filter((a): a is string => !!a && a !== 'system' && a !== 'carrier'));
  for (const username of actors) {
    const u = await ctx.repos.users.findByUsername(username);
    if (u) names[username] = u.display_name || u.username;
  }
  const monitor = (await ctx.repos.users.listMonitors()).find((u) => u.phone === t.call.supervisor_phone);
  return { ...t, names, monitorName: monitor ? monitor.display_name || monitor.username : null, now: ctx.clock.now() };
}

/** What makes the call page differ: the call's state and reason, its attempts and its events (not the clock). */
export const callDetailVersion = (d: CallDetail) =>
  createHash('sha1')
    .update(
      JSON.stringify([
        d.call.state,
        d.call.final_reason,
        d.call.attempts,
        d.call.start_at,
        d.attempts.map((a) => [a.outcome, a.ended_at, a.connected_at, a.monitor_joined_at]),
        d.events.length,
        d.events.at(-1)?.id,
        d.monitorName,
        d.names,
      ]),
    )
    .digest('hex')
    .slice(0, 12);
