import type { AppContext } from '../app-context.js';
import { AppError } from '../shared/errors.js';
import { ceilToMinutes } from '../shared/local-time.js';
import { findRefusal, loadPolicySubject } from './policy/check-call-policy.js';
import { nextAllowedSlot, TIME_RULES } from './next-allowed-slot.js';

/**
 * The start the approve form offers (S-01), on a whole minute as the form shows it and never before the
 * request's earliest time (rounded up, not cut, so it is accepted as shown): the current minute when the
 * earliest time has passed, and the first slot the calling hours allow when that one is outside them.
 */
export async function defaultApproveStart(ctx: AppContext, requestId: number): Promise<Date | undefined> {
  const request = await ctx.repos.callRequests.findById(requestId);
  if (!request) return undefined;
  const thisMinute = new Date(Math.floor(ctx.clock.now().getTime() / 60_000) * 60_000);
  const start = thisMinute.getTime() >= request.earliest.getTime() ? thisMinute : ceilToMinutes(request.earliest);
  const c = { startAt: start, maxMinutes: request.max_minutes };
  try {
    const subject = await loadPolicySubject(ctx, request.detainee_id, request.contact_id);
    if (!(await findRefusal(ctx, TIME_RULES, subject, c))) return start;
    return (await nextAllowedSlot(ctx, subject, c, start)) ?? start;
  } catch (e) {
    // A request the policy refuses outright still gets a start; approving it names the refusal.
    if (e instanceof AppError) return start;
    throw e;
  }
}
