import { DateTime } from 'luxon';
import type { AppContext } from '../../app-context.js';
import { AppError } from '../../shared/errors.js';
import { QUOTA_STATES } from '../call-states.js';

/**
 * at most `quota` calls per detainee in the ISO week (facility zone) of the start. The quota is a ceiling
 * for scheduling load, never a sanction: the contact floor (D-04, S-08) is watched separately.
 */
export async function assertWeeklyQuota(
  ctx: AppContext,
  p: { detaineeId: number; startAt: Date; quota: number; zone: string; excludeId?: string },
): Promise<void> {
  const week = DateTime.fromJSDate(p.startAt, { zone: p.zone }).startOf('week');
  const n = await ctx.repos.scheduledCalls.countForDetainee(
    p.detaineeId,
    week.toJSDate(),
    week.plus({ weeks: 1 }).toJSDate(),
    QUOTA_STATES,
    p.excludeId,
  );
  if (n >= p.quota) {
    throw new AppError(
      'weekly_quota_reached',
      `this detainee already has ${n} of ${p.quota} calls in that week; choose another week or ask an administrator`,
      422,
    );
  }
}
