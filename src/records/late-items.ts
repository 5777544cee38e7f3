import { DateTime } from 'luxon';
import type { AppContext } from '../app-context.js';
import type { Enquiry, Message, Task } from '../storage/schema.js';

/**
 * What counts as late, one definition for today's figures (S-07) and the inboxes' counts: a message still
 * unreviewed after its review deadline (S-04); a task that needs a call to a family, or an enquiry asking to be
 * called back (C-09), still open from before today in the operator time zone.
 */
export const CALLBACK_KINDS = ['callback', 'operator_callback', 'bad_news'] as const;

export interface LateLines {
  now: Date;
  /** Start of today in the operator time zone: a callback or enquiry still open from before it is late. */
  dayStart: Date;
}

export function lateLines(ctx: AppContext): LateLines {
  const now = ctx.clock.now();
  return { now, dayStart: DateTime.fromJSDate(now).setZone(ctx.config.hotline.operatorTimeZone).startOf('day').toJSDate() };
}

export const isLateMessage = (m: Pick<Message, 'review_due_at'>, l: LateLines) =>
  Boolean(m.review_due_at && new Date(m.review_due_at).getTime() < l.now.getTime());
export const isLateTask = (k: Pick<Task, 'kind' | 'created_at'>, l: LateLines) =>
  (CALLBACK_KINDS as readonly string[]).includes(k.kind) && new Date(k.created_at).getTime() < l.dayStart.getTime();
export const isLateEnquiry = (e: Pick<Enquiry, 'created_at'>, l: LateLines) => new Date(e.created_at).getTime() < l.dayStart.getTime();
