import type { SimulatedCarrier } from './simulated-carrier.js';
import type { TwimlNode } from './twiml-document.js';
import type { Party } from './party.js';
import { runCall, type CallEvent } from './twiml-executor.js';
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
    c.record(call, 'unsupported', 'Dial without Conference');
    return 'failed';
  }
  const a = conf.attrs;
  const flags = {
    muted: a.muted === 'true',
    hold: false,
    startConferenceOnEnter: a.startConferenceOnEnter !== 'false',
    endConferenceOnExit: a.endConferenceOnExit === 'true',
  };
  await c.rooms.join(call, conf.text, flags, a.statusCallback, a.statusCallbackEvent?.split(' '));
  return 'completed';
}

/** What the party heard and did goes into the carrier's log (the console's carrier page shows it). */
function logEvent(c: SimulatedCarrier, call: SimCall, e: CallEvent): void {
  if (e.kind === 'say') c.record(call, 'say', e.text, { language: e.language });
  else if (e.kind === 'play') c.record(call, 'play', e.url);
  else if (e.kind === 'input' && e.keys) c.record(call, 'pressed', undefined, { count: e.keys });
  else if (e.kind === 'error') c.record(call, 'error', e.code, e.status === undefined ? undefined : { status: e.status });
  else if (e.kind === 'unsupported') c.record(call, 'unsupported', e.verb);
}

/**
 * Runs a carrier call's TwiML from `url` with the one TwiML executor: signed requests (the call's fallback URL
 * when the application fails, twilio-notes TW-10), Pause and Gather timeouts in carrier time, <Dial><Conference> in a
 * conference room. A REST redirect bumps the call's generation, which stops this run at its next verb; a run
 * that reaches its end hangs the call up.
 */
export async function runCallTwiml(c: SimulatedCarrier, call: SimCall, url: string): Promise<void> {
  if (c.isStopped) return;
  const gen = call.gen;
  const stale = () => call.gen !== gen || call.ended;
  await runCall({
    url,
    params: {
      AccountSid: c.o.accountSid,
      CallSid: call.sid,
      From: call.from,
      To: call.to,
      Direction: 'outbound-api',
      ApiVersion: '2010-04-01',
    },
    party: scriptedCallee(c, call),
    transport: createSignedTransport({ authToken: c.o.authToken, connectRetries: c.o.connectRetries }),
    fallbackUrl: call.fallbackUrl,
    // A supervised call may wait in a Pause-and-Redirect loop for as long as the conference needs.
    maxRequests: Infinity,
    isStale: stale,
    pause: (seconds) => sleep(seconds * c.o.pauseUnitMs, call.abort.signal),
    dial: (dial) => joinConference(c, call, dial),
    onEvent: (e) => logEvent(c, call, e),
    record: (seconds) => c.recordings.make(seconds),
  });
  if (!stale()) await c.end(call, 'completed');
}
