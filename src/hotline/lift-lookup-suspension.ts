import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError, notFound } from '../shared/errors.js';
import { createLookupLimits } from './lookup-limits.js';

/**
 * A supervisor lifts the suspension of a reference's automated answers, once a person verified the family by
 * calling back a number the detainee nominated (O-05). The next lookup for the reference is made; one more
 * failed lookup suspends it again, so a lift gives an attacker one guess at most. Audited without the reference.
 */
export async function liftLookupSuspension(ctx: AppContext, p: Principal, taskId: number): Promise<void> {
  const s = await ctx.repos.lookupSuspensions.findByTask(taskId);
  if (!s) throw notFound('the suspension');
  if (s.scope !== 'reference')
    throw new AppError(
      'not_a_suspension',
      'only a reference suspension can be lifted; a caller or line limit passes with its window, so close the task instead',
      422,
    );
  if (s.closed_at) throw new AppError('already_lifted', 'this suspension was already lifted or closed', 409);
  await createLookupLimits(ctx.redis, ctx.config.redis.prefix, ctx.config.security.secretHashKey, ctx.config.hotline.limits).lift(
    s.subject_key,
  );
  await ctx.repos.lookupSuspensions.close(s.id, p.username);
  await ctx.repos.tasks.close(taskId, p.username);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'lookup_suspension.lift',
    subjectType: 'task',
    subjectId: taskId,
    detail: { detaineeId: s.detainee_id, refused: s.refused },
  });
}
