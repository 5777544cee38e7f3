import type { AppContext } from '../app-context.js';
import type { CallQueues } from '../queue/call-queues.js';

/** The queues are an optional member of the context; supervised calls need them. */
export function requireQueues(ctx: AppContext): CallQueues {
  if (!ctx.callQueues) throw new Error('supervised calls need ctx.callQueues (built in build-context)');
  return ctx.callQueues;
}
