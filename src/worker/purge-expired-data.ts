import type { AppContext } from '../app-context.js';
import { FINAL_STATES } from '../calls/call-states.js';

const DAY = 86_400_000;

/**
 * A-01 retention: call logs, messages and finished scheduled calls (with their attempts and events) older than
 * their configured age are deleted; recording metadata is cleared earlier, after RETENTION_RECORDING_DAYS.
 */
export async function purgeExpiredData(ctx: AppContext): Promise<Record<string, number>> {
  const now = ctx.clock.now().getTime();
  const r = ctx.config.retention;
  const callLogCutoff = new Date(now - r.callLogDays * DAY);
  const counts = {
    recordings: await ctx.repos.messages.clearRecordingsBefore(new Date(now - r.recordingDays * DAY)),
    callLogs: await ctx.repos.callLogs.purgeOlderThan(callLogCutoff),
    messages: await ctx.repos.messages.purgeOlderThan(new Date(now - r.messageDays * DAY)),
    scheduledCalls: await ctx.repos.scheduledCalls.purgeFinishedBefore(callLogCutoff, FINAL_STATES),
    // Decided requests go with their calls, so after them; one still referenced by a kept call stays.
    callRequests: await ctx.repos.callRequests.purgeDecidedBefore(callLogCutoff),
  };
  await ctx.repos.audit.append({ actor: 'system', action: 'retention.purged', subjectType: 'retention', detail: counts });
  return counts;
}
