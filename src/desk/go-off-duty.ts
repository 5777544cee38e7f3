import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError } from '../shared/errors.js';
import { deskPresence } from './desk.js';

/**
 * The operator leaves the desk and is no longer rung. Refused while connected to a caller (the call needs its
 * wrap-up first) unless `force`: logging out always ends the presence, so a closed console never keeps a phone
 * ringing. Returns whether the operator was on duty.
 */
export async function goOffDuty(ctx: AppContext, p: Principal, opts: { force?: boolean } = {}): Promise<boolean> {
  const desk = deskPresence(ctx);
  const now = await desk.get(p.userId);
  if (!now) return false;
  if (!opts.force && (now.state === 'on_call' || now.state === 'wrap_up')) {
    throw new AppError('desk_busy', 'you are connected to a caller: submit the wrap-up first, then go off duty', 409);
  }
  await desk.goOffDuty(p.userId);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'desk.off_duty',
    subjectType: 'user',
    subjectId: p.userId,
    detail: opts.force ? { via: 'logout' } : {},
  });
  return true;
}
