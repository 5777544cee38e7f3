import type { VoiceParams } from '../telephony/webhook-params.js';
import { queueTimes, waitingCallers } from '../desk/desk.js';
import type { Hotline } from './hotline.js';
import { handleVoiceTurn } from './handle-voice-turn.js';

const INT4_MAX = 2 ** 31 - 1;

/**
 * The Enqueue's action: how the caller left the operator queue. Its QueueResult and QueueTime go in the call
 * log (an abandoned wait is `hangup`, S-07); a caller who is not talking to an operator leaves the desk; the
 * flow goes on from the queue step (a callback window after `leave`, goodbye otherwise).
 */
export async function handleQueueResult(h: Hotline, turn: number, p: VoiceParams): Promise<string> {
  const result = p.QueueResult ?? 'unknown';
  const n = Number.parseInt(p.QueueTime ?? '', 10);
  const seconds = Number.isInteger(n) && n >= 0 && n <= INT4_MAX ? n : null;
  await h.ctx.repos.callLogs.recordQueueResult(p.CallSid, result, seconds);
  const callers = waitingCallers(h.ctx);
  // A bridged caller stays on the desk, connected, until the operator's wrap-up ends (end-wrap-ups.ts).
  if (result === 'bridged') {
    if (seconds !== null) await queueTimes(h.ctx).add(seconds);
    if ((await callers.get(p.CallSid))?.status !== 'connected') await callers.remove(p.CallSid);
  } else await callers.remove(p.CallSid);
  return handleVoiceTurn(h, turn, { ...p, QueueResult: result });
}
