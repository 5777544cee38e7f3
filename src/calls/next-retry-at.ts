import type { AppContext } from '../app-context.js';
import type { ScheduledCall } from '../storage/schema.js';
import { callOptions } from './call-options.js';
import { isWithinHours } from './policy/assert-within-call-hours.js';
import { contactHoursOf, hoursOf } from './policy/check-call-policy.js';

/**
 * The retry policy: backoff per attempt, at most max_attempts, only inside the retry window and inside both
 * sides' calling hours. Returns undefined when no retry may follow.
 */
export async function nextRetryAt(ctx: AppContext, call: ScheduledCall): Promise<Date | undefined> {
  if (call.attempts >= call.max_attempts) return undefined;
  const o = callOptions(ctx);
  const delay = o.retryDelaysMs[Math.min(call.attempts - 1, o.retryDelaysMs.length - 1)];
  const at = new Date(ctx.clock.now().getTime() + delay);
  if (call.window_end && at.getTime() > call.window_end.getTime()) return undefined;
  const contact = await ctx.repos.contacts.findById(call.contact_id);
  const detainee = await ctx.repos.detainees.findById(call.detainee_id);
  const facility = detainee?.facility_id ? await ctx.repos.facilities.findById(detainee.facility_id) : undefined;
  if (!contact || !facility) return undefined;
  if (!isWithinHours(hoursOf(facility), at, call.max_minutes) || !isWithinHours(contactHoursOf(contact), at, call.max_minutes)) return undefined;
  return at;
}
