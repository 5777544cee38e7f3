import type { AppContext } from '../app-context.js';
import { createDeskPresence, type DeskPresence } from './desk-presence.js';
import { createWaitingCallers, type WaitingCallers } from './waiting-callers.js';
import { createQueueTimes, type QueueTimes } from './queue-times.js';

/** The desk presence of this install: it lives as long as a console session (SESSION_TTL_MINUTES). */
export function deskPresence(ctx: Pick<AppContext, 'redis' | 'config' | 'clock'>): DeskPresence {
  return createDeskPresence(ctx.redis, ctx.config.redis.prefix, {
    ttlSeconds: ctx.config.security.sessionTtlMinutes * 60,
    now: () => ctx.clock.now(),
  });
}

/** The hotline's callers who wait for a person, or talk to one, as every instance sees them. */
export function waitingCallers(ctx: Pick<AppContext, 'redis' | 'config'>): WaitingCallers {
  return createWaitingCallers(ctx.redis, ctx.config.redis.prefix);
}

/** Recent waits of callers who reached a person, for the estimated wait. */
export function queueTimes(ctx: Pick<AppContext, 'redis' | 'config'>): QueueTimes {
  return createQueueTimes(ctx.redis, ctx.config.redis.prefix);
}

/** The Twilio queue the hotline puts callers in (flows/hotline: operator_queue) and operators take them from. */
export const HOTLINE_QUEUE = 'operators';
