import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError } from '../shared/errors.js';
import { deskPresence } from './desk.js';
import type { Presence } from './desk-presence.js';
import { onDeskChanged } from './desk-events.js';

/**
 * An operator the desk set aside (a rung call not answered: the 'no_answer' notice) says they are back. Already
 * available: nothing changes. Off duty, ringing or on a call: refused with what to do instead.
 */
export async function setAvailable(ctx: AppContext, p: Principal): Promise<Presence> {
  const desk = deskPresence(ctx);
  const now = await desk.get(p.userId);
  if (!now) throw new AppError('desk_off_duty', 'you are off duty: go on duty with your phone number first', 409);
  if (now.state === 'available') return now;
  if (now.state !== 'unavailable' || !(await desk.transition(p.userId, 'unavailable', 'available'))) {
    throw new AppError('desk_busy', `you are ${now.state.replace('_', ' ')}: the desk sets you available after the call`, 409);
  }
  await ctx.repos.audit.append({ actor: p.username, action: 'desk.available', subjectType: 'user', subjectId: p.userId, detail: {} });
  await onDeskChanged(ctx);
  return (await desk.get(p.userId))!;
}
