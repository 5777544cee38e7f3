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
  const recordingCutoff = new Date(now - r.recordingDays * DAY);
  const recordings = await ctx.repos.db
    .updateTable('messages')
    .set({ recording_url: null, recording_sid: null })
    .where('created_at', '<', recordingCutoff)
    .where((eb) => eb.or([eb('recording_url', 'is not', null), eb('recording_sid', 'is not', null)]))
    .executeTakeFirst();
  const counts = {
    callLogs: await ctx.repos.callLogs.purgeOlderThan(new Date(now - r.callLogDays * DAY)),
    messages: await ctx.repos.messages.purgeOlderThan(new Date(now - r.messageDays * DAY)),
    recordings: Number(recordings.numUpdatedRows),
    scheduledCalls: await ctx.repos.scheduledCalls.purgeFinishedBefore(new Date(now - r.callLogDays * DAY), FINAL_STATES),
    callRequests: 0,
  };
  // Decided requests go with their calls; one still referenced by a kept call stays.
  const requests = await ctx.repos.db
    .deleteFrom('call_requests')
    .where('status', '!=', 'pending_approval')
    .where('created_at', '<', new Date(now - r.callLogDays * DAY))
    .where((eb) => eb.not(eb.exists(eb.selectFrom('scheduled_calls').select('id').whereRef('scheduled_calls.request_id', '=', 'call_requests.id'))))
    .executeTakeFirst();
  counts.callRequests = Number(requests.numDeletedRows);
  await ctx.repos.audit.append({ actor: 'system', action: 'retention.purged', subjectType: 'retention', detail: counts });
  return counts;
}
