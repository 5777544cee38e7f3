import type { AppContext } from '../app-context.js';
import { FINAL_STATES } from '../calls/call-states.js';
import { purgeRecordings, deleteAtCarrier } from './purge-recordings.js';
import { escalateUnreviewedMessages } from './escalate-unreviewed-messages.js';

const DAY = 86_400_000;

/**
 * A-01 retention: call logs, closed enquiries, done tasks (with the caller numbers kept on them), reviewed messages
 * and finished scheduled calls (with their attempts and events) older than their configured age are deleted;
 * recordings go earlier, after RETENTION_RECORDING_DAYS, deleted at the carrier first. A message still waiting for
 * review is put before a supervisor instead of being deleted (C-08).
 */
export async function purgeExpiredData(ctx: AppContext): Promise<Record<string, number>> {
  const now = ctx.clock.now().getTime();
  const r = ctx.config.retention;
  const callLogCutoff = new Date(now - r.callLogDays * DAY);
  const counts = {
    ...(await purgeRecordings(ctx, new Date(now - r.recordingDays * DAY))),
    callLogs: await ctx.repos.callLogs.purgeOlderThan(callLogCutoff),
    enquiries: await purgeClosedEnquiries(ctx, callLogCutoff),
    tasks: await ctx.repos.retention.deleteDoneTasksBefore(callLogCutoff),
    messagesEscalated: await escalateUnreviewedMessages(ctx),
    messages: await ctx.repos.messages.purgeOlderThan(new Date(now - r.messageDays * DAY)),
    scheduledCalls: await ctx.repos.scheduledCalls.purgeFinishedBefore(callLogCutoff, FINAL_STATES),
    // Decided requests go with their calls, so after them; one still referenced by a kept call stays.
    callRequests: await ctx.repos.callRequests.purgeDecidedBefore(callLogCutoff),
  };
  await ctx.repos.audit.append({ actor: 'system', action: 'retention.purged', subjectType: 'retention', detail: counts });
  return counts;
}

/** Closed enquiries go with the recording of the caller's words (at the carrier first); one whose recording stays, stays. */
async function purgeClosedEnquiries(ctx: AppContext, cutoff: Date): Promise<number> {
  let n = 0;
  for (const e of await ctx.repos.retention.closedEnquiriesBefore(cutoff)) {
    if (e.recording_sid && !(await deleteAtCarrier(ctx, [e.recording_sid])).has(e.recording_sid)) continue;
    await ctx.repos.retention.deleteEnquiry(e.id);
    n++;
  }
  return n;
}
