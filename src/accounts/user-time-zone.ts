import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError, notFound } from '../shared/errors.js';
import { parseInput } from '../shared/parse-input.js';
import { publicUser } from './users.js';
import { userTimeZone } from './time-zone-field.js';

const changeSchema = z.object({ timeZone: userTimeZone.optional() });

/**
 * Sets the zone a user reads times in: anyone their own, an admin anyone's. Absent leaves it as it is, so a
 * partial update of other settings does not reset it. Audited, with the zone (not personal data).
 */
export async function setUserTimeZone(ctx: AppContext, p: Principal, userId: number, input: unknown) {
  if (userId !== p.userId && p.role !== 'admin') throw new AppError('forbidden', 'only an administrator may change another user', 403);
  const { timeZone } = parseInput(changeSchema, input ?? {});
  const before = await ctx.repos.users.findById(userId);
  if (!before) throw notFound('the user');
  if (timeZone === undefined) return publicUser(before);
  const u = (await ctx.repos.users.setTimeZone(userId, timeZone))!;
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'user.time_zone',
    subjectType: 'user',
    subjectId: userId,
    detail: { timeZone },
  });
  return publicUser(u);
}
