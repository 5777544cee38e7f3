import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import { CarrierError } from '../telephony/port.js';
import type { Presence } from './desk-presence.js';
import { deskPresence, waitingCallers } from './desk.js';
import { deskUrls } from './desk-urls.js';

export type DeskContext = Pick<AppContext, 'redis' | 'config' | 'clock' | 'logger' | 'telephony'>;

// Seconds an operator's phone rings before the carrier gives up (then the operator is set unavailable).
export const OPERATOR_RING_SECONDS = 20;
// Longer than one dispatch takes (a few Redis round trips and one REST call per operator rung).
const LOCK_MS = 10_000;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end return 0`;

/** Rings the operator (already `ringing` in presence) on their phone; whatever fails leaves them not ringing. */
export async function ring(ctx: DeskContext, op: Presence): Promise<boolean> {
  const desk = deskPresence(ctx);
  const urls = deskUrls(ctx.config.http.publicBaseUrl, op.userId);
  try {
    if (!ctx.telephony) throw new Error('no carrier configured');
    const { sid } = await ctx.telephony.createCall({
      to: op.phone,
      from: ctx.config.twilio.hotlineNumber,
      url: urls.answer,
      statusCallback: urls.status,
      statusCallbackEvent: ['completed'],
      timeout: OPERATOR_RING_SECONDS,
    });
    // The call may already have been answered and moved on; only a still-ringing operator gets its sid.
    await desk.transition(op.userId, 'ringing', 'ringing', { callSid: sid });
    ctx.logger.info({ userId: op.userId, callSid: sid }, 'desk:operator rung');
    return true;
  } catch (err) {
    // A carrier that said "try again" leaves the operator available; anything else needs the operator to look.
    const again = err instanceof CarrierError && err.retryable;
    await desk.transition(op.userId, 'ringing', again ? 'available' : 'unavailable', again ? {} : { notice: 'ring_failed' });
    ctx.logger.warn({ userId: op.userId, error: (err as Error).name }, 'desk:ringing the operator failed');
    return false;
  }
}

/**
 * Runs `fn` under the desk's dispatch lock, shared by every instance through Redis, so the count of callers
 * waiting and operators ringing cannot change between two dispatchers' reads. Undefined when another holds it:
 * that one is asked to run again, so no trigger is lost.
 */
export async function underLock<T>(ctx: DeskContext, fn: () => Promise<T>): Promise<T | undefined> {
  const lock = `${ctx.config.redis.prefix}:desk:dispatch-lock`;
  const again = `${ctx.config.redis.prefix}:desk:dispatch-again`;
  const token = randomUUID();
  if ((await ctx.redis.set(lock, token, 'PX', LOCK_MS, 'NX')) !== 'OK') {
    await ctx.redis.set(again, '1', 'PX', LOCK_MS);
    return undefined;
  }
  try {
    return await fn();
  } finally {
    await ctx.redis.eval(RELEASE, 1, lock, token);
  }
}

/** How many more operators the waiting callers need: one per caller not already being rung for. */
export async function callersWithoutOperator(ctx: DeskContext): Promise<number> {
  const [callers, ops] = await Promise.all([waitingCallers(ctx).list(), deskPresence(ctx).list()]);
  const waiting = callers.filter((c) => c.status === 'waiting').length;
  const ringing = ops.filter((o) => o.state === 'ringing').length;
  return waiting - ringing;
}

/**
 * Rings available operators for the callers who wait, the one idle longest first (O-05, S-05): never more
 * operators ringing than callers waiting, never one operator twice (the claim is atomic across instances).
 * Called when a caller joins the queue, an operator becomes available, an operator's call ends, and on the
 * worker's tick. Safe to call from anywhere at any time.
 */
export async function dispatchDesk(ctx: DeskContext): Promise<void> {
  const again = `${ctx.config.redis.prefix}:desk:dispatch-again`;
  for (let round = 0; round < 5; round++) {
    const ran = await underLock(ctx, async () => {
      await ctx.redis.del(again);
      for (let need = await callersWithoutOperator(ctx); need > 0; need--) {
        const op = await deskPresence(ctx).claimIdlest();
        if (!op) break;
        await ring(ctx, op);
      }
      return true;
    });
    // Another dispatcher holds the lock and will run again; or this one ran and nobody asked for another round.
    if (!ran || (await ctx.redis.del(again)) === 0) return;
  }
}

/** Starts a dispatch without waiting for it (a webhook answers first); a failure is logged, the tick retries. */
export function kickDesk(ctx: DeskContext): void {
  setImmediate(() => {
    dispatchDesk(ctx).catch((err) => ctx.logger.warn({ error: (err as Error)?.name }, 'desk:dispatch failed; the next tick retries'));
  });
}
