import type { AppContext } from '../app-context.js';
import { JOB } from '../queue/queue-names.js';
import { enqueueLegJob } from '../queue/enqueue-leg-job.js';
import { applyAttemptOutcome } from './apply-attempt-outcome.js';
import { maybeConnect } from './maybe-connect.js';
import { recordCallEvent } from './record-call-event.js';
import { requireQueues } from './require-call-deps.js';

/**
 * The AMD result of the relative's leg (async, twilio-notes TW-29) or of the monitor participant (O-02, D-07).
 * Relative: a machine hears nothing and the attempt is retried; a person or "unknown" is moved from silence to
 * the first prompt, which names nobody (the detainee's name comes only after a keypress), by a REST redirect
 * done by the control worker because a webhook must not wait on REST calls (twilio-notes TW-09).
 * Monitor: only `human` makes the supervisor present; a voicemail (or an undecided result) is a missing
 * monitor, so the parties are never bridged (S-02).
 */
export async function handleAmdResult(
  ctx: AppContext,
  p: { callId: string; attemptNo: number; callSid: string; answeredBy: string; leg?: 'relative' | 'monitor' },
): Promise<void> {
  const leg = p.leg ?? 'relative';
  const machine = /^(machine|fax)/.test(p.answeredBy);
  const human = p.answeredBy === 'human';
  const fresh = await recordCallEvent(ctx, {
    callId: p.callId,
    kind: leg === 'monitor' ? (human ? 'amd_monitor_person' : 'amd_monitor_not_person') : machine ? 'amd_machine' : 'amd_person',
    actor: 'carrier',
    detail: { attempt: p.attemptNo, answeredBy: p.answeredBy },
    dedupeKey: `${p.callSid}:amd`,
  });
  if (!fresh) return;
  await ctx.repos.callAttempts.setSid(p.callId, p.attemptNo, leg, p.callSid);
  const a = await ctx.repos.callAttempts.find(p.callId, p.attemptNo);
  if (!a || a.outcome) return;
  if (leg === 'monitor') {
    if (!human)
      return applyAttemptOutcome(ctx, p.callId, p.attemptNo, 'missing_monitor', machine ? 'monitor_machine' : 'monitor_amd_unknown');
    if (await ctx.repos.callAttempts.mark(p.callId, p.attemptNo, 'monitor_joined_at', ctx.clock.now())) {
      await recordCallEvent(ctx, { callId: p.callId, kind: 'monitor_joined', detail: { attempt: p.attemptNo } });
      await maybeConnect(ctx, p.callId, p.attemptNo);
    }
    return;
  }
  if (machine) return applyAttemptOutcome(ctx, p.callId, p.attemptNo, 'machine', 'answering_machine');
  await enqueueLegJob(
    requireQueues(ctx).control,
    JOB.redirectRelative,
    { callId: p.callId, attemptNo: p.attemptNo, sid: p.callSid },
    0,
    'redirect',
  );
}
