import type { AppContext } from '../app-context.js';
import type { CallQueues } from '../queue/call-queues.js';
import type { Telephony } from '../telephony/port.js';

/** The queues and the carrier are optional members of the context; supervised calls need both. */
export function requireQueues(ctx: AppContext): CallQueues {
  if (!ctx.callQueues) throw new Error('supervised calls need ctx.callQueues (built in build-context)');
  return ctx.callQueues;
}

export function requireTelephony(ctx: AppContext): Telephony {
  if (!ctx.telephony) throw new Error('supervised calls need ctx.telephony (built in build-context)');
  return ctx.telephony;
}
