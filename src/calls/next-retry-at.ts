import type { AppContext } from '../app-context.js';
import type { ScheduledCall } from '../storage/schema.js';
import { AppError } from '../shared/errors.js';
import { callOptions } from '../config/call-options.js';
import { rulesAt } from './policy/call-policy.js';
import { findRefusal, loadPolicySubject } from './policy/check-call-policy.js';

/**
 * The retry policy: backoff per attempt, at most max_attempts, only inside the retry window and only at a
 * time the call policy's `retry` rules allow (both sides' calling hours). Returns undefined when no retry
 * may follow.
 */
export async function nextRetryAt(ctx: AppContext, call: ScheduledCall): Promise<Date | undefined> {
  if (call.attempts >= call.max_attempts) return undefined;
  const o = callOptions(ctx);
  const delay = o.retryDelaysMs[Math.min(call.attempts - 1, o.retryDelaysMs.length - 1)];
  const at = new Date(ctx.clock.now().getTime() + delay);
  if (call.window_end && at.getTime() > call.window_end.getTime()) return undefined;
  try {
    const subject = await loadPolicySubject(ctx, call.detainee_id, call.contact_id);
    const c = {
      startAt: at,
      maxMinutes: call.max_minutes,
      facilityLine: call.facility_line,
      supervisorPhone: call.supervisor_phone,
      excludeId: call.id,
    };
    return (await findRefusal(ctx, rulesAt('retry'), subject, c)) ? undefined : at;
  } catch (e) {
    // The detainee, contact or facility is gone or no longer callable: no retry, the call ends.
    if (e instanceof AppError) return undefined;
    throw e;
  }
}
