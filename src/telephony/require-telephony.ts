import type { Telephony } from './port.js';

/** The carrier is an optional member of the context (a process without one cannot place or change calls). */
export function requireTelephony(ctx: { telephony?: Telephony }): Telephony {
  if (!ctx.telephony) throw new Error('placing or changing a call needs ctx.telephony (built in build-context)');
  return ctx.telephony;
}
