import type { SimulatedCarrier } from './simulated-carrier.js';
import type { PartyScript } from './party-script.js';
import type { Party } from './party.js';
import { runCallTwiml } from './run-call-twiml.js';

export interface InboundCallParams {
  from: string;
  /** The number called (the hotline). */
  to: string;
  /** The number's voice URL, e.g. PUBLIC_BASE_URL/voice/incoming. */
  url: string;
  /** The number's status callback: gets the call's final status. */
  statusCallback?: string;
  /**
   * How the caller behaves: each <Gather> takes the next of `digits` (then silence, so a queued caller keeps
   * waiting); `hangupAfterMs` hangs up that long after the call starts (e.g. while waiting in a queue);
   * `hangupAfterJoinMs` that long after being bridged to an operator. @defaultValue answers, presses nothing
   */
  script?: PartyScript;
  /** Plays the caller instead of the script (e.g. a person at a terminal). */
  party?: Party;
}

/** A call from a party to the application, run by the carrier (Direction inbound) until it ends. */
export function startInboundCall(c: SimulatedCarrier, p: InboundCallParams): { sid: string } {
  const script = p.script ?? { answer: 'answer', digits: [] };
  const call = c.newCall(p.to, p.from, {
    url: p.url,
    direction: 'inbound',
    script,
    party: p.party,
    statusCallback: p.statusCallback,
    statusEvents: ['completed'],
    status: 'ringing',
  });
  call.answeredAt = Date.now();
  call.status = 'in-progress';
  if (script.hangupAfterMs !== undefined) setTimeout(() => void c.end(call, 'completed'), script.hangupAfterMs);
  void runCallTwiml(c, call, p.url);
  return { sid: call.sid };
}
