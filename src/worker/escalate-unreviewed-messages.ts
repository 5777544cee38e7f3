import type { AppContext } from '../app-context.js';

const DAY = 86_400_000;
/** How long before a message would expire an unreviewed one is put before a supervisor. */
const ESCALATE_DAYS_BEFORE = 2;

/**
 * C-08, A-01: a message still waiting for review is never deleted silently. Two days before it or its recording
 * would expire (RETENTION_MESSAGE_DAYS, RETENTION_RECORDING_DAYS) a supervisor gets a task naming it; the purge
 * keeps the message and its recording until it is reviewed.
 */
export async function escalateUnreviewedMessages(ctx: AppContext): Promise<number> {
  const days = Math.min(ctx.config.retention.messageDays, ctx.config.retention.recordingDays);
  const before = new Date(ctx.clock.now().getTime() - Math.max(days - ESCALATE_DAYS_BEFORE, 0) * DAY);
  const due = await ctx.repos.retention.unreviewedWithoutTask(before);
  for (const m of due) {
    await ctx.repos.tasks.create({
      kind: 'message_review',
      priority: 2,
      restricted: true,
      detaineeId: m.detainee_id,
      contactId: m.contact_id,
      summary: `message #${m.id}`,
    });
  }
  return due.length;
}
