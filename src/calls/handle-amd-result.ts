import type { AppContext } from '../app-context.js';
import { JOB } from '../queue/queue-names.js';
import { enqueueLegJob } from '../queue/enqueue-leg-job.js';
import { applyAttemptOutcome } from './apply-attempt-outcome.js';
import { recordCallEvent } from './record-call-event.js';
import { requireQueues } from './require-call-deps.js';

/**
 * Asynchronous AMD result for the relative's leg (pitfall 29). A machine hears nothing at all and the attempt
 * is retried (O-02); a person (or "unknown") is moved from silence to the acceptance prompt by a REST redirect,
 * done by the control worker because a webhook must not wait on REST calls (pitfall 9).
 */
export async function handleAmdResult(ctx: AppContext, p: { callId: string; attemptNo: number; callSid: string; answeredBy: string }): Promise<void> {
  const machine = /^(machine|fax)/.test(p.answeredBy);
  const fresh = await recordCallEvent(ctx, {
    callId: p.callId,
    kind: machine ? 'amd_machine' : 'amd_person',
    actor: 'carrier',
    detail: { attempt: p.attemptNo, answeredBy: p.answeredBy },
    dedupeKey: `${p.callSid}:amd`,
  });
  if (!fresh) return;
  await ctx.repos.callAttempts.setSid(p.callId, p.attemptNo, 'relative', p.callSid);
  if (machine) return applyAttemptOutcome(ctx, p.callId, p.attemptNo, 'machine', 'answering_machine');
  const a = await ctx.repos.callAttempts.find(p.callId, p.attemptNo);
  if (!a || a.outcome) return;
  await enqueueLegJob(requireQueues(ctx).control, JOB.redirectRelative, { callId: p.callId, attemptNo: p.attemptNo, sid: p.callSid }, 0, 'redirect');
}
