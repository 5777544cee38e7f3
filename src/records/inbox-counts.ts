import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { CALLBACK_KINDS, lateLines } from './late-items.js';
import { canSeeRestricted } from './task-records.js';

export interface InboxCount {
  open: number;
  late: number;
}

/** What waits in each inbox for this viewer, and how much of it is late (S-04), for the console's navigation. */
export interface InboxCounts {
  enquiries: InboxCount;
  messages: InboxCount;
  tasks: InboxCount;
  notices: number;
}

/**
 * One aggregate query per inbox, never a row. Restricted tasks count only for those who may see them (S-05):
 * an operator does not learn from a number that they exist.
 */
export async function inboxCounts(ctx: AppContext, p: Principal): Promise<InboxCounts> {
  const lines = lateLines(ctx);
  const [enquiries, messages, tasks, notices] = await Promise.all([
    ctx.repos.enquiries.countOpen(lines.dayStart),
    ctx.repos.messages.countPendingReview(lines.now),
    ctx.repos.tasks.countOpen({ includeRestricted: canSeeRestricted(p), callbackKinds: CALLBACK_KINDS, lateBefore: lines.dayStart }),
    ctx.repos.notices.countUnread(),
  ]);
  return { enquiries, messages, tasks, notices };
}
