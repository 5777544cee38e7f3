import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.js';
import type { DialSlot } from '../telephony/port.js';

// Atomic sliding-window check on Redis' own clock (one clock for every worker process): reserves a slot and
// returns 0, or returns how many milliseconds until the oldest dial leaves the window.
const SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window = tonumber(ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now, ARGV[3])
  redis.call('PEXPIRE', KEYS[1], window * 2)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return tonumber(oldest[2]) + window - now + 1
`;

// The dial has left: its entry now counts from this moment, on Redis' clock (added again if already trimmed).
const SENT = `
local t = redis.call('TIME')
redis.call('ZADD', KEYS[1], tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[2])
`;

/**
 * The last gate before any carrier dial (twilio-notes TW-28): at most TWILIO_CALLS_PER_SECOND dials in any sliding
 * window, across all workers. BullMQ's limiter paces jobs, but a job's start and its request reaching the
 * carrier differ by a variable processing time. So the gate is awaited as the request leaves (CreateCallParams.pace),
 * and once the carrier has answered, the slot counts from then, a moment after the request arrived: a slow first
 * request (a cold connection) cannot land in the next dials' second. The window is 5 % longer than a second
 * for the jitter after the gate; the price is that dials go out a little slower than the limit.
 */
export async function awaitDialSlot(ctx: AppContext): Promise<DialSlot> {
  const key = `${ctx.config.redis.prefix}:dial-window`;
  const max = Math.max(1, Math.floor(ctx.config.twilio.callsPerSecond));
  const windowMs = Math.ceil(((1000 * max) / ctx.config.twilio.callsPerSecond) * 1.05);
  const id = randomUUID();
  for (;;) {
    const wait = Number(await ctx.redis.eval(SCRIPT, 1, key, windowMs, max, id));
    if (wait <= 0) break;
    await new Promise((r) => setTimeout(r, Math.min(wait, 1000)));
  }
  return {
    sent: async () => {
      await ctx.redis.eval(SENT, 1, key, id, windowMs * 2);
    },
  };
}
