import type { AppContext } from '../app-context.js';
import { startCallWorkers } from '../worker/start-call-workers.js';
import { startDeskTick } from '../worker/desk-tick.js';

/** Starts the background workers (BullMQ) in this process; returns how to stop them. */
export async function startWorkers(_ctx: AppContext): Promise<{ stop(): Promise<void> }> {
  const stops: Array<() => Promise<void>> = [];
  if (_ctx.callQueues) stops.push((await startCallWorkers(_ctx)).stop);
  // The operator desk: wrap-ups that end, and callers waiting for an operator (O-05).
  if (_ctx.telephony) stops.push(startDeskTick(_ctx).stop);
  return {
    stop: async () => {
      for (const s of stops.reverse()) await s();
    },
  };
}
