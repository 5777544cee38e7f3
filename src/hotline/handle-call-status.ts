import type { Hotline } from './hotline.js';
import type { VoiceParams } from '../telephony/webhook-params.js';
import { writeCallLog } from './write-call-log.js';
import { isFinalCallStatus } from '../shared/final-call-statuses.js';

const INT4_MAX = 2 ** 31 - 1;

/** A counter Twilio sends as text; anything that is not a non-negative int4 (the column type) counts as absent. */
function counter(v: string | undefined): number | undefined {
  const n = Number.parseInt(v ?? '', 10);
  return Number.isInteger(n) && n >= 0 && n <= INT4_MAX ? n : undefined;
}

/**
 * A status callback of a hotline call. Callbacks come twice and out of order (twilio-notes TW-13): the call
 * log keeps the newest by SequenceNumber and never moves a finished call back. The final status, under the
 * call's lock, writes the path of a call that ended by the caller hanging up and ends the session in Redis.
 */
export async function handleCallStatus(h: Hotline, p: VoiceParams & { CallStatus: string }): Promise<void> {
  const final = { status: p.CallStatus, sequence: counter(p.SequenceNumber) ?? 0, durationSeconds: counter(p.CallDuration) ?? null };
  if (!isFinalCallStatus(p.CallStatus)) {
    await h.ctx.repos.callLogs.record({ callSid: p.CallSid, final });
    return;
  }
  await h.store.turn(p.CallSid, async ({ session }) => {
    if (session) await writeCallLog(h.ctx, session, final);
    else await h.ctx.repos.callLogs.record({ callSid: p.CallSid, final });
    return { result: undefined, save: { ended: session } };
  });
}
