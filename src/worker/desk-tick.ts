import type { DeskContext } from '../desk/dispatch.js';
import { dispatchDesk } from '../desk/dispatch.js';
import { endWrapUps } from '../desk/end-wrap-ups.js';

// Often enough that a caller never waits long for an operator whose wrap-up ended or whose trigger was lost.
export const DESK_TICK_MS = 2_000;

/** One tick: wrap-ups that are over end, then the desk rings operators for whoever waits. */
export async function deskTick(ctx: DeskContext): Promise<void> {
  await endWrapUps(ctx);
  await dispatchDesk(ctx);
}

/** The worker's periodic desk tick; a failed tick is logged and the next one tries again. */
export function startDeskTick(ctx: DeskContext, everyMs = DESK_TICK_MS): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = deskTick(ctx)
      .catch((err) => ctx.logger.warn({ error: (err as Error)?.name }, 'desk:tick failed'))
      .finally(() => (running = undefined));
  }, everyMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
