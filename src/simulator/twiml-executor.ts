import { parseTwiml, type TwimlNode } from './twiml-document.js';
import { executeVerbs, type Next } from './execute-verbs.js';
import type { Party } from './party.js';
import type { Transport } from './signed-transport.js';

export type CallEvent =
  | { kind: 'request'; url: string; status: number }
  | { kind: 'say'; text: string; language?: string; voice?: string }
  | { kind: 'play'; url: string }
  | { kind: 'pause'; seconds: number }
  | { kind: 'input'; verb: 'Gather' | 'Record'; action: string }
  | { kind: 'dial'; target: string; status: string }
  | { kind: 'end'; outcome: string };

export interface CallOptions {
  /** The first webhook, as Twilio would call it (e.g. PUBLIC_BASE_URL/voice/incoming). */
  url: string;
  /** Sent with every request: CallSid, AccountSid, From, To, Direction... */
  params: Record<string, string>;
  party: Party;
  transport: Transport;
  /** Posted once with CallStatus=completed when the call ends, as the number's status callback. */
  statusCallback?: string;
  onEvent?(e: CallEvent): void;
  /** What a <Dial> reports as DialCallStatus; default completed. */
  dial?(target: TwimlNode): Promise<string> | string;
  /** Guards against a flow that loops for ever: the call ends with outcome "too-many-requests". */
  maxRequests?: number;
  /**
   * A first document to run instead of fetching `url` (e.g. the TwiML of calls.create); relative URLs in it
   * resolve against `url`.
   */
  twiml?: string;
}

export interface CallResult {
  events: CallEvent[];
  /** Everything said, in order. */
  heard: string[];
  outcome: string;
  /** Every TwiML document received, in order. */
  documents: string[];
}

/**
 * Plays Twilio against an application: fetches TwiML, performs Say/Play/Pause/Gather/Record/Redirect/Enqueue/
 * Dial/Hangup, asks the party for input, and posts signed requests to action URLs, including the fall-through
 * after a Gather that got no input (pitfall 23). Reused by `kinline call`, the tests and the outbound carrier.
 */
export async function runCall(o: CallOptions): Promise<CallResult> {
  const result: CallResult = { events: [], heard: [], outcome: '', documents: [] };
  const emit = (e: CallEvent) => {
    result.events.push(e);
    if (e.kind === 'say') result.heard.push(e.text);
    o.onEvent?.(e);
  };
  const started = Date.now();
  let next: Next = { url: o.url, extra: {} };
  for (let n = 0; 'url' in next; n++) {
    if (n >= (o.maxRequests ?? 200)) {
      next = { outcome: 'too-many-requests' };
      break;
    }
    const reply =
      n === 0 && o.twiml !== undefined
        ? { status: 200, body: o.twiml }
        : await o.transport.post(next.url, { ...o.params, CallStatus: 'in-progress', ...next.extra });
    if (!(n === 0 && o.twiml !== undefined)) emit({ kind: 'request', url: next.url, status: reply.status });
    result.documents.push(reply.body);
    if (reply.status < 200 || reply.status >= 300) {
      next = { outcome: `http-${reply.status}` };
      break;
    }
    let doc: TwimlNode;
    try {
      doc = parseTwiml(reply.body);
    } catch (e) {
      next = { outcome: `invalid-twiml: ${(e as Error).message}` };
      break;
    }
    next = await executeVerbs(doc.children, next.url, o, emit);
  }
  result.outcome = (next as { outcome: string }).outcome;
  emit({ kind: 'end', outcome: result.outcome });
  if (o.statusCallback) {
    const duration = String(Math.max(1, Math.round((Date.now() - started) / 1000)));
    await o.transport.post(o.statusCallback, { ...o.params, CallStatus: 'completed', CallDuration: duration, SequenceNumber: '3' });
  }
  return result;
}
