import type { FlowSession } from '../flow-engine/types.js';

/** Everything kept about one live call, in Redis under its CallSid; any web instance can serve any of its webhooks. */
export interface CallSession extends FlowSession {
  callSid: string;
  /** The caller's number as Twilio sent it; never proof of identity (C-10), never logged. */
  from: string;
  /** The number of the next expected /voice/step request; it is part of the action URL. */
  turn: number;
  /** The last answer, so a retried webhook gets the same TwiML and changes nothing (twilio-notes TW-12). */
  last?: { turn: number; twiml: string };
  /** Server-side facts found during the call; never rendered. */
  data: {
    detaineeId?: number;
    contactId?: number;
    /** The message from him this caller heard (C-06), so 5 plays the same one again. */
    messageId?: number;
    /** A lookup limit put this caller through to a person (shown to the operator; never a fraud mark). */
    limited?: 'caller' | 'reference' | 'line';
  };
  /** When the call started (ISO), and Twilio's StirVerstat: a risk signal only (C-10). */
  startedAt?: string;
  stirVerstat?: string | null;
}
