import { deskPresence } from './desk.js';
import { dispatchDesk, type DeskContext } from './dispatch.js';

/**
 * Operators whose wrap-up (DESK_WRAP_UP_SECONDS) is over become available again. The caller they talked to stays
 * on the desk, connected to them, until they submit the wrap-up form (the outcome and note are not lost because
 * the next call came first). Returns how many became available.
 */
export async function endWrapUps(ctx: DeskContext): Promise<number> {
  const desk = deskPresence(ctx);
  const cutoff = ctx.clock.now().getTime() - ctx.config.desk.wrapUpSeconds * 1000;
  let freed = 0;
  for (const op of await desk.list()) {
    if (op.state !== 'wrap_up' || Date.parse(op.since) > cutoff) continue;
    if (await desk.transition(op.userId, 'wrap_up', 'available')) freed++;
  }
  return freed;
}

/**
 * Frees the operator when their wrap-up is over rather than at the worker's next tick (up to DESK_TICK_MS later,
 * which would leave callers waiting with an operator ready, O-05): a timer in the instance that saw the call
 * end. The tick stays the backstop should this instance stop first.
 */
export function endWrapUpOnTime(ctx: DeskContext): void {
  const timer = setTimeout(
    () => {
      endWrapUps(ctx)
        .then((freed) => (freed ? dispatchDesk(ctx) : undefined))
        .catch((err) => ctx.logger.warn({ error: (err as Error)?.name }, 'desk:ending a wrap-up failed; the next tick retries'));
    },
    ctx.config.desk.wrapUpSeconds * 1000 + 20,
  );
  timer.unref();
}
