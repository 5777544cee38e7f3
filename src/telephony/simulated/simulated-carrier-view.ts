import type { Telephony } from '../port.js';
import { SimulatedCarrier } from './simulated-carrier.js';

const maskNumbers = (v: unknown): unknown => (typeof v === 'string' ? v.replace(/\+?\d{7,15}/g, (m) => `…${m.slice(-2)}`) : v);
const CALL_FIELDS = ['sid', 'to', 'from', 'status', 'conference', 'answeredAt', 'ended'];
const EVENT_FIELDS = ['at', 'callSid', 'to', 'kind', 'text'];

function pick(row: unknown, fields: string[]): Record<string, unknown> {
  const r = (row ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    fields.filter((k) => k in r).map((k) => [k, maskNumbers(r[k] instanceof Date ? (r[k] as Date).toISOString() : r[k])]),
  );
}

export interface SimulatedCarrierView {
  calls: Array<Record<string, unknown>>;
  events: Array<Record<string, unknown>>;
}

/**
 * The simulated carrier's calls and what each party heard, when this process runs the simulated carrier,
 * so a trial without Twilio shows the whole journey. Numbers are masked to their last two digits, as on the
 * queue screen; newest first, at most 200 rows each.
 */
export function simulatedCarrierView(telephony: Telephony | undefined): SimulatedCarrierView | undefined {
  if (!(telephony instanceof SimulatedCarrier)) return undefined;
  const raw = [...telephony.calls.values()];
  const events = telephony.events();
  return {
    calls: raw
      .slice(-200)
      .reverse()
      .map((c) => pick(c, CALL_FIELDS)),
    events: events
      .slice(-200)
      .reverse()
      .map((e) => pick(e, EVENT_FIELDS)),
  };
}
