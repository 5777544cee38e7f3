import type { SimulatedCarrier } from './simulated-carrier.js';
import { recordConference } from './conference-recording.js';
import { postWebhook } from './post-webhook.js';
import { runCallTwiml } from './run-call-twiml.js';
import { sleep, type SimCall, type SimParticipantFlags } from './sim-types.js';

/**
 * A call the carrier places: it rings, is answered as the party's script says (or busy, no answer, failed),
 * posts asynchronous AMD, then joins its conference (a participant) or runs its TwiML (calls.create).
 */
export async function placeSimCall(
  c: SimulatedCarrier,
  call: SimCall,
  join?: {
    conference: string;
    flags: SimParticipantFlags;
    statusCallback?: string;
    statusEvents?: string[];
    recording?: { record?: string; callback?: string };
  },
): Promise<void> {
  await c.status(call, 'initiated');
  await sleep(c.o.ringMs);
  if (call.ended) return;
  await c.status(call, 'ringing');
  const a = call.script.answer;
  // Twilio gives up after the call's Timeout (default 60 s) and reports no-answer.
  const limit = (call.timeoutS ?? 60) * c.o.pauseUnitMs;
  const ring = call.script.ringMs ?? c.o.ringMs;
  await sleep(Math.min(ring, limit), call.abort.signal);
  if (call.ended) return;
  if (a === 'busy') return c.end(call, a);
  if (a === 'no-answer' || ring > limit) return c.end(call, 'no-answer');
  if (a === 'fail') return c.end(call, 'failed');
  call.answeredAt = Date.now();
  await c.status(call, 'in-progress');
  if (call.script.hangupAfterMs !== undefined) setTimeout(() => void c.end(call, 'completed'), call.script.hangupAfterMs);
  const answeredBy = call.script.amd ?? (a === 'machine' ? 'machine_start' : 'human');
  const postAmd = (url: string) => {
    c.record(call, 'amd', answeredBy);
    return postWebhook(
      url,
      { AccountSid: c.o.accountSid, CallSid: call.sid, AnsweredBy: answeredBy, MachineDetectionDuration: String(c.o.amdMs) },
      { authToken: c.o.authToken, connectRetries: c.o.connectRetries },
    );
  };
  if (call.amdCallback) {
    const amd = call.amdCallback;
    setTimeout(() => {
      if (call.ended || c.isStopped) return;
      void postAmd(amd);
    }, c.o.amdMs);
  }
  if (join && call.participantAmd) {
    // A participant with AMD joins only once a person is detected; anything else waits to be hung up.
    await sleep(c.o.amdMs, call.abort.signal);
    if (call.ended || c.isStopped) return;
    await postAmd(call.participantAmd);
    if (answeredBy !== 'human' || call.ended) return;
  }
  if (join) {
    const left = c.rooms.join(call, join.conference, join.flags, join.statusCallback, join.statusEvents);
    recordConference(c, join.conference, join.recording?.record, join.recording?.callback);
    return left;
  }
  if (call.url) await runCallTwiml(c, call, call.url);
}
