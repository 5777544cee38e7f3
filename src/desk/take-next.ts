import { AppError } from '../shared/errors.js';
import type { Principal } from '../shared/principal.js';
import { deskPresence } from './desk.js';
import { callersWithoutOperator, ring, underLock, type DeskContext } from './dispatch.js';

// A dispatch holds the desk lock for a few Redis round trips and REST calls; wait that long, not more.
const TRIES = 40;
const PAUSE_MS = 50;

/**
 * An available operator asks to be rung now for the caller waiting longest (O-05). Only that operator is claimed,
 * only from `available`, and only for a caller nobody is being rung for yet, all under the desk's lock: a second
 * click finds them ringing and gets a 409, changing nothing.
 */
export async function takeNextCaller(ctx: DeskContext, principal: Principal): Promise<{ state: 'ringing' }> {
  const userId = principal.userId;
  for (let i = 0; i < TRIES; i++) {
    const outcome = await underLock(ctx, async () => {
      const me = await deskPresence(ctx).get(userId);
      if (me?.state !== 'available')
        throw new AppError(
          'desk_not_available',
          me ? `you are ${me.state.replace('_', ' ')}, not available: the desk rings you when you are available` : 'go on duty first',
          409,
          { state: me?.state ?? 'off_duty' },
        );
      if ((await callersWithoutOperator(ctx)) <= 0)
        throw new AppError('desk_nobody_waiting', 'no caller is waiting for an operator; nothing was changed', 409);
      if (!(await deskPresence(ctx).transition(userId, 'available', 'ringing')))
        throw new AppError('desk_not_available', 'your state changed meanwhile; nothing was changed', 409);
      await ring(ctx, (await deskPresence(ctx).get(userId))!);
      return 'rung' as const;
    });
    if (outcome) return { state: 'ringing' };
    await new Promise((r) => setTimeout(r, PAUSE_MS));
  }
  throw new AppError('desk_busy', 'the desk is busy ringing operators; try again in a moment', 409);
}
