import type { AppContext } from '../app-context.js';
import { JOB, placeCallJobId } from '../queue/queue-names.js';
import { enqueuePlaceCall, DIAL_JOB_OPTIONS } from '../queue/enqueue-place-call.js';
import { requireQueues } from '../calls/require-call-deps.js';
import { applyAttemptOutcome } from '../calls/apply-attempt-outcome.js';
import { LIVE_STATES, type AttemptOutcome, type CallState } from '../calls/call-states.js';

export interface ReconcileReport {
  checked: number;
  recreated: number;
  removed: number;
  /** Live calls whose current attempt had already ended, finished or rescheduled now. */
  settled: number;
}

const PAGE = 500;

/**
 * The database is the truth, Redis only a schedule (twilio-notes TW-33). For every scheduled call the dial job of its
 * next attempt must exist: a missing one (Redis flushed or failed over) is added again with the remaining delay.
 * A call claimed but never confirmed gets its resume job back. A live call whose current attempt already has an
 * outcome is finished or rescheduled. Jobs of cancelled calls are removed.
 */
export async function reconcileCallJobs(ctx: AppContext): Promise<ReconcileReport> {
  const queue = requireQueues(ctx).calls;
  const report: ReconcileReport = { checked: 0, recreated: 0, removed: 0, settled: 0 };
  const now = ctx.clock.now();
  for (const states of [['scheduled'], LIVE_STATES, ['cancelled']]) {
    let after: string | null = null;
    for (;;) {
      const page = await ctx.repos.scheduledCalls.pageByStates(states, after, PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1].id;
      const full = await Promise.all(page.map((c) => ctx.repos.scheduledCalls.findById(c.id)));
      for (const call of full) {
        if (!call) continue;
        report.checked++;
        if (call.state === 'cancelled') {
          for (const n of [call.attempts, call.attempts + 1]) {
            const job = await queue.getJob(placeCallJobId(call.id, n));
            if (job && !(await job.isActive())) {
              await job.remove();
              report.removed++;
            }
          }
          continue;
        }
        if (LIVE_STATES.includes(call.state as CallState)) {
          const current = await ctx.repos.callAttempts.find(call.id, call.attempts);
          if (current?.outcome) {
            // Ended but never moved (a crash between recording the outcome and moving the call): finish or retry it now.
            const outcome = (current.outcome === 'carrier_error' ? 'failed' : current.outcome) as AttemptOutcome;
            await applyAttemptOutcome(ctx, call.id, call.attempts, outcome, `reconciled:${outcome}`, 'system', { alreadyEnded: true });
            report.settled++;
            continue;
          }
          if (call.state !== 'dialling') continue;
        }
        const n = call.state === 'scheduled' ? call.attempts + 1 : call.attempts;
        const job = await queue.getJob(placeCallJobId(call.id, n));
        if (job && !(await job.isFailed()) && !(await job.isCompleted())) continue;
        if (job) await job.remove();
        if (call.state === 'scheduled') {
          await enqueuePlaceCall(queue, call.id, n, call.start_at, now);
          report.recreated++;
        } else {
          const attempt = await ctx.repos.callAttempts.find(call.id, n);
          if (!attempt || attempt.facility_call_sid || attempt.outcome) continue;
          await queue.add(JOB.placeCall, { callId: call.id, attemptNo: n }, { ...DIAL_JOB_OPTIONS, jobId: placeCallJobId(call.id, n) });
          report.recreated++;
        }
      }
    }
  }
  if (report.recreated || report.removed || report.settled) ctx.logger.info(report, 'worker:reconcile repaired the call queue');
  return report;
}
