import type { AppContext } from '../app-context.js';

/** Starts the background workers (BullMQ) in this process; returns how to stop them. */
export async function startWorkers(_ctx: AppContext): Promise<{ stop(): Promise<void> }> {
  return { stop: async () => {} };
}
