import type { Express } from 'express';
import { CarrierError } from '../port.js';
import type { SimulatedCarrier } from './simulated-carrier.js';
import type { PartyScript } from './party-script.js';
import type { Handle } from './queue-routes.js';

const ANSWERS = ['answer', 'machine', 'busy', 'no-answer', 'fail', 'invalid', 'unavailable'];
const str = (v: unknown) => (v === undefined ? undefined : String(v));
const ms = (v: unknown, name: string) => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new CarrierError(`${name} must be a whole number of milliseconds`, 400, 21200);
  return n;
};

/** A script from form fields: Answer, Digits (comma-separated or repeated), RingMs, HangupAfterMs, HangupAfterJoinMs. */
function scriptOf(p: Record<string, string | string[]>): PartyScript {
  const answer = str(p.Answer) ?? 'answer';
  if (!ANSWERS.includes(answer)) throw new CarrierError(`Answer must be one of ${ANSWERS.join(', ')}`, 400, 21200);
  const digits = p.Digits === undefined ? [] : (Array.isArray(p.Digits) ? p.Digits : p.Digits.split(',')).map((d) => d.trim());
  return {
    answer: answer as PartyScript['answer'],
    digits,
    ringMs: ms(p.RingMs, 'RingMs'),
    hangupAfterMs: ms(p.HangupAfterMs, 'HangupAfterMs'),
    hangupAfterJoinMs: ms(p.HangupAfterJoinMs, 'HangupAfterJoinMs'),
  };
}

/**
 * Not Twilio's API (simulated carrier only): a trial on a laptop scripts the party at a number (an operator that
 * answers, presses 1 and talks 30 s), places a scripted caller on the carrier, and reads what a number's calls
 * heard. `kinline call --operator` and `kinline call --on-carrier` use these.
 */
export function simulatedOnlyRoutes(app: Express, base: string, carrier: SimulatedCarrier, handle: Handle): void {
  app.post(
    `${base}/SimulatedParties.json`,
    handle(async (_req, p) => {
      const phone = str(p.Phone);
      if (!phone) throw new CarrierError('Phone is required', 400, 21200);
      const script = scriptOf(p);
      carrier.script(phone, script);
      return { phone, script };
    }),
  );
  app.post(
    `${base}/SimulatedCalls.json`,
    handle(async (_req, p) => {
      if (!p.From || !p.To || !p.Url) throw new CarrierError('From, To and Url are required', 400, 21200);
      const { sid } = carrier.inboundCall({
        from: String(p.From),
        to: String(p.To),
        url: String(p.Url),
        statusCallback: str(p.StatusCallback),
        script: scriptOf(p),
      });
      return { sid, status: 'in-progress' };
    }),
  );
  // What the calls to or from a number did and heard, oldest first (`kind`: status, say, play, pressed, enqueued,
  // queue_bridged, queue_result...); `ended` once every call of the number has ended.
  app.get(
    `${base}/SimulatedParties/:phone/Events.json`,
    handle(async (req) => {
      const phone = String(req.params.phone);
      const calls = [...carrier.calls.values()].filter((c) => c.to === phone || c.from === phone);
      const sids = new Set(calls.map((c) => c.sid));
      const events = carrier.events().filter((e) => sids.has(e.callSid));
      return { calls: calls.map((c) => ({ sid: c.sid, status: c.status, ended: c.ended })), events };
    }),
  );
}
