import type { Hotline } from './hotline.js';
import type { VoiceParams } from './voice-params.js';
import { writeCallLog } from './write-call-log.js';
import { withTrail } from './call-trail.js';
import { SCRUBBED_TTL_SECONDS } from './call-session-store.js';
import { newSession } from '../flow-engine/run-flow.js';

const TERMINAL = ['completed', 'busy', 'failed', 'no-answer', 'canceled'];
const INT4_MAX = 2 ** 31 - 1;

/** A counter Twilio sends as text; anything that is not a non-negative int4 (the column type) counts as absent. */
function counter(v: string | undefined): number | undefined {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isInteger(n) && n >= 0 && n <= INT4_MAX ? n : undefined;
}

/**
 * A status callback. They come twice and out of order (pitfall 13); callLogs.record keeps the newest by
 * SequenceNumber and never moves a finished call back. A final status also writes the path of a call that
 * ended by the caller hanging up.
 */
export async function handleCallStatus(h: Hotline, p: VoiceParams & { CallStatus: string }): Promise<void> {
  const { ctx } = h;
  const sequence = counter(p.SequenceNumber) ?? 0;
  const durationSeconds = counter(p.CallDuration) ?? null;
  if (TERMINAL.includes(p.CallStatus)) {
    await h.trail.sent(p.CallSid);
    // One round trip reads the call's state and ends it in Redis (no answer or keyed digits kept, C-13).
    const { session, trail, trailUnreadable } = await h.store.endCall(p.CallSid, SCRUBBED_TTL_SECONDS);
    if (trailUnreadable) ctx.logger.warn({ reason: trailUnreadable }, 'voice:trail could not be read; the call log lacks the menu steps');
    if (session || trail) {
      // A call that never left the menus has only its trail: the path up to where the caller hung up.
      const call = session ?? { ...newSession(trail?.language ?? 'ru'), callSid: p.CallSid, from: p.From ?? '', turn: 0, data: {} };
      // One statement: the path, the outcome and the final status together.
      await writeCallLog(ctx, withTrail(call, trail), { status: p.CallStatus, sequence, durationSeconds });
      return;
    }
  }
  await ctx.repos.callLogs.record({ callSid: p.CallSid, final: { status: p.CallStatus, sequence, durationSeconds } });
}
