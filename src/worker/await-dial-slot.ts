import { randomUUID } from 'node:crypto';
import type { AppContext } from '../app-context.js';

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

/**
 * The last gate before any carrier dial (twilio-notes TW-28): at most TWILIO_CALLS_PER_SECOND dials in any sliding
 * window, across all workers. BullMQ's limiter paces jobs, but a job's start and its request reaching the
 * carrier differ by a variable processing time; this gate sits right before the request. The window is 5 %
 * longer than a second to absorb the network jitter that follows it.
 */
export async function awaitDialSlot(ctx: AppContext): Promise<void> {
  const key = `${ctx.config.redis.prefix}:dial-window`;
  const max = Math.max(1, Math.floor(ctx.config.twilio.callsPerSecond));
  const windowMs = Math.ceil(((1000 * max) / ctx.config.twilio.callsPerSecond) * 1.05);
  const id = randomUUID();
  for (;;) {
    const wait = Number(await ctx.redis.eval(SCRIPT, 1, key, windowMs, max, id));
    if (wait <= 0) return;
    await new Promise((r) => setTimeout(r, Math.min(wait, 1000)));
  }
}
