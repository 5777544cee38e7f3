import type { SimulatedCarrier } from './simulated-carrier.js';
import type { TwimlNode } from './twiml-document.js';
import type { Party } from './party.js';
import { runCall, type CallOptions } from './twiml-executor.js';
import { dialQueue } from './dial-queue.js';
import { runEnqueue } from './run-enqueue.js';
import { logEvent, standardParams } from './sim-call-params.js';
import { createSignedTransport } from './signed-transport.js';
import { sleep, type SimCall } from './sim-types.js';

/**
 * The dialled party as its script says: each <Gather> takes the next scripted keys; with none left it
 * stays silent for the Gather's timeout. It records nothing.
 */
function scriptedCallee(c: SimulatedCarrier, call: SimCall): Party {
  return {
    async respond(prompt) {
      if (prompt.verb !== 'Gather') return { kind: 'silence' };
      const digits = call.script.digits?.[call.digitIndex++];
      if (digits) return { kind: 'digits', digits };
      await sleep(Number(prompt.attrs.timeout ?? 5) * c.o.pauseUnitMs, call.abort.signal);
      return { kind: 'silence' };
    },
  };
}

/** <Dial><Conference>: the call joins the room with Twilio's conference rules until it leaves it. */
async function joinConference(c: SimulatedCarrier, call: SimCall, dial: TwimlNode): Promise<string> {
  const conf = dial.children.find((k) => k.name === 'Conference');
  if (!conf) {
    c.record(call, 'unsupported', 'Dial without Conference or Queue');
    return 'failed';
  }
  const a = conf.attrs;
  const flags = {
    label: a.participantLabel,
    muted: a.muted === 'true',
    hold: false,
    startConferenceOnEnter: a.startConferenceOnEnter !== 'false',
    endConferenceOnExit: a.endConferenceOnExit === 'true',
  };
  await c.rooms.join(call, conf.text, flags, a.statusCallback, a.statusCallbackEvent?.split(' '));
  return 'completed';
}

/**
 * Runs a carrier call's TwiML from `url` with the one TwiML executor: signed requests (the call's fallback URL
 * when the application fails, twilio-notes TW-10), Pause and Gather timeouts in carrier time, <Dial><Conference> in a
 * conference room, <Enqueue> and <Dial><Queue> in the carrier's queues. A REST redirect bumps the call's generation, which stops this run at its next verb; a run
 * that reaches its end hangs the call up.
 */
export async function runCallTwiml(c: SimulatedCarrier, call: SimCall, url: string, twiml?: string): Promise<void> {
  if (c.isStopped) return;
  const gen = call.gen;
  const stale = () => call.gen !== gen || call.ended;
  const transport = createSignedTransport({ authToken: c.o.authToken, connectRetries: c.o.connectRetries });
  const o: CallOptions = {
    url,
    twiml,
    params: standardParams(c, call),
    party: call.party ?? scriptedCallee(c, call),
    transport,
    fallbackUrl: call.fallbackUrl,
    // A supervised call may wait in a Pause-and-Redirect loop for as long as the conference needs.
    maxRequests: Infinity,
    isStale: stale,
    pause: (seconds) => sleep(seconds * c.o.pauseUnitMs, call.abort.signal),
    dial: (dial, resolve) =>
      dial.children.some((k) => k.name === 'Queue') ? dialQueue(c, call, dial, resolve, transport) : joinConference(c, call, dial),
    enqueue: (v, resolve, emit) => runEnqueue(c, call, v, resolve, o, emit),
    onEvent: (e) => logEvent(c, call, e),
    record: (seconds) => c.recordings.make(seconds),
  };
  await runCall(o);
  if (!stale()) await c.end(call, 'completed');
}
