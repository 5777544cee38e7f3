import type { SimulatedCarrier } from './simulated-carrier.js';
import type { CallEvent } from './twiml-executor.js';
import type { SimCall } from './sim-types.js';

/** The standard parameters Twilio sends with every request about a call. */
export function standardParams(c: SimulatedCarrier, call: SimCall): Record<string, string> {
  return {
    AccountSid: c.o.accountSid,
    CallSid: call.sid,
    From: call.from,
    To: call.to,
    Direction: call.direction ?? 'outbound-api',
    ApiVersion: '2010-04-01',
  };
}

/** What the party heard and did goes into the carrier's log (the console's carrier page shows it). */
export function logEvent(c: SimulatedCarrier, call: SimCall, e: CallEvent): void {
  if (e.kind === 'say') c.record(call, 'say', e.text, { language: e.language });
  else if (e.kind === 'play') c.record(call, 'play', e.url);
  else if (e.kind === 'input' && e.keys) c.record(call, 'pressed', undefined, { count: e.keys });
  else if (e.kind === 'error') c.record(call, 'error', e.code, e.status === undefined ? undefined : { status: e.status });
  else if (e.kind === 'unsupported') c.record(call, 'unsupported', e.verb);
}
