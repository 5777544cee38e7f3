import type { AppContext } from '../app-context.js';
import { JOB } from '../queue/queue-names.js';
import { enqueueLegJob } from '../queue/enqueue-leg-job.js';
import { recordCallEvent } from './record-call-event.js';
import { requireQueues } from './require-call-deps.js';
import { callOptions } from '../config/call-options.js';
import { SETUP_STATES, UNBRIDGED_STATES } from './call-states.js';

/**
 * S-02: the call counts as connected only when both parties accepted, the detainee heard who answered and
 * went on (D-05), AND the monitor is present. Both parties
 * without a monitor is `missing_monitor`: the conference has not started (the monitor alone starts it), so
 * they hear silence, never each other. Connecting starts the time-limit clock (warning, then the end).
 */
export async function maybeConnect(ctx: AppContext, callId: string, attemptNo: number): Promise<void> {
  const a = await ctx.repos.callAttempts.find(callId, attemptNo);
  if (!a || a.outcome || !a.detainee_accepted_at || !a.relative_accepted_at || !a.detainee_bridged_at) return;
  const now = ctx.clock.now();
  if (!a.monitor_joined_at) {
    const moved = await ctx.repos.scheduledCalls.transition(callId, SETUP_STATES, 'missing_monitor');
    if (moved) await recordCallEvent(ctx, { callId, kind: 'missing_monitor', detail: { attempt: attemptNo } });
    return;
  }
  if (!(await ctx.repos.callAttempts.mark(callId, attemptNo, 'connected_at', now))) return;
  const call = await ctx.repos.scheduledCalls.transition(callId, UNBRIDGED_STATES, 'connected');
  if (!call) return;
  await recordCallEvent(ctx, { callId, kind: 'connected', detail: { attempt: attemptNo, maxMinutes: call.max_minutes } });
  const limitMs = call.max_minutes * 60_000;
  const control = requireQueues(ctx).control;
  await enqueueLegJob(control, JOB.timeWarning, { callId, attemptNo }, limitMs - callOptions(ctx).warningBeforeEndMs, 'warn');
  await enqueueLegJob(control, JOB.timeLimit, { callId, attemptNo }, limitMs, 'limit');
}
