import type { AppContext } from '../app-context.js';
import { JOB } from '../queue/queue-names.js';
import { enqueueLegJob } from '../queue/enqueue-leg-job.js';
import { applyAttemptOutcome } from './apply-attempt-outcome.js';
import { recordCallEvent } from './record-call-event.js';
import { requireQueues } from './require-call-deps.js';

/**
 * The AMD result of the relative's leg or of the monitor's (async, twilio-notes TW-29, TW-40). Only `human` is a
 * person: a machine, a fax and `unknown` (detection timed out, often a voicemail) are not (O-02, D-07).
 * Relative: a person is moved from silence to the first prompt, which names nobody (the detainee's name comes
 * only after a keypress), by a REST redirect done by the control worker because a webhook must not wait on REST
 * calls (twilio-notes TW-09); anything else hears nothing and the attempt is retried.
 * Monitor: presence comes only from his key (handleMonitorInput); a result that is not a person before that key
 * is a missing monitor, so the parties are never bridged (S-02). After the key, the key is the proof.
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
    kind:
      leg === 'monitor' ? `amd_monitor_${human ? 'person' : 'not_person'}` : `amd_${human ? 'person' : machine ? 'machine' : 'unknown'}`,
    actor: 'carrier',
    detail: { attempt: p.attemptNo, answeredBy: p.answeredBy },
    dedupeKey: `${p.callSid}:amd`,
  });
  if (!fresh) return;
  await ctx.repos.callAttempts.setSid(p.callId, p.attemptNo, leg, p.callSid);
  const a = await ctx.repos.callAttempts.find(p.callId, p.attemptNo);
  if (!a || a.outcome) return;
  if (leg === 'monitor') {
    if (human || a.monitor_joined_at) return;
    return applyAttemptOutcome(ctx, p.callId, p.attemptNo, 'missing_monitor', machine ? 'monitor_machine' : 'monitor_amd_unknown');
  }
  if (!human) return applyAttemptOutcome(ctx, p.callId, p.attemptNo, 'machine', machine ? 'answering_machine' : 'amd_unknown');
  await enqueueLegJob(
    requireQueues(ctx).control,
    JOB.redirectRelative,
    { callId: p.callId, attemptNo: p.attemptNo, sid: p.callSid },
    0,
    'redirect',
  );
}
