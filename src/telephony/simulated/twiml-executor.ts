import { parseTwiml, type TwimlNode } from './twiml-document.js';
import { executeVerbs, type Next } from './execute-verbs.js';
export type { Next } from './execute-verbs.js';
import type { Party } from './party.js';
import type { Transport } from './signed-transport.js';

export type CallEvent =
  | { kind: 'request'; url: string; status: number }
  | { kind: 'say'; text: string; language?: string; voice?: string }
  | { kind: 'play'; url: string }
  | { kind: 'pause'; seconds: number }
  /** `keys`: how many keys a Gather got, never the keys themselves (C-13). */
  | { kind: 'input'; verb: 'Gather' | 'Record'; action: string; keys?: number }
  | { kind: 'dial'; target: string; status: string }
  /** Twilio's error codes: 11200 the application did not answer, 12100 its TwiML did not parse. */
  | { kind: 'error'; code: '11200' | '12100'; status?: number }
  | { kind: 'unsupported'; verb: string }
  | { kind: 'end'; outcome: string };

export interface CallOptions {
  /** The first webhook, as Twilio would call it (e.g. PUBLIC_BASE_URL/voice/incoming). */
  url: string;
  /** Sent with every request: CallSid, AccountSid, From, To, Direction... */
  params: Record<string, string>;
  party: Party;
  transport: Transport;
  /** Fetched with ErrorCode=11200 when a TwiML request fails, and run instead (twilio-notes TW-10). */
  fallbackUrl?: string;
  /** Posted once with CallStatus=completed when the call ends, as the number's status callback. */
  statusCallback?: string;
  onEvent?(e: CallEvent): void;
  /** What a <Dial> does and reports as DialCallStatus (and further action parameters); default completed at once. */
  dial?(dial: TwimlNode, resolve: (url: string | undefined) => string): Promise<DialResult> | DialResult;
  /**
   * Runs an <Enqueue> (the carrier's queues): the next request (its action URL), undefined to go on with the next
   * verb, or how the call ended. Without it an <Enqueue> ends the run with outcome `enqueued:NAME`.
   */
  enqueue?(enqueue: TwimlNode, resolve: (url: string | undefined) => string, emit: (e: CallEvent) => void): Promise<Next | undefined>;
  /** The document runs while the call waits in a queue: <Leave> ends it with outcome `leave`. */
  inQueue?: boolean;
  /** How a <Pause> passes; default at once. */
  pause?(seconds: number): Promise<void>;
  /**
   * True once the call no longer follows this document (a REST redirect or a hang-up elsewhere): the run stops
   * before its next verb or request, with outcome "superseded", and posts nothing more.
   */
  isStale?(): boolean;
  /** Guards against a flow that loops for ever: the call ends with outcome "too-many-requests". @defaultValue 200 */
  maxRequests?: number;
  /**
   * A first document to run instead of fetching `url` (e.g. the TwiML of calls.create); relative URLs in it
   * resolve against `url`.
   */
  twiml?: string;
  /**
   * Makes the media of a <Record> on the carrier and gives its SID and URL (posted as RecordingUrl); without it
   * the URL is Twilio's shape on api.twilio.com, which nothing fetches without credentials.
   */
  record?(seconds: number): Promise<{ sid: string; url: string } | undefined> | { sid: string; url: string } | undefined;
}

export type DialResult = string | { status: string; extra?: Record<string, string> };

export interface CallResult {
  events: CallEvent[];
  /** Everything said, in order. */
  heard: string[];
  outcome: string;
  /** Every TwiML document received, in order. */
  documents: string[];
}

const failed = (status: number) => status < 200 || status >= 300;

/**
 * Plays Twilio against an application, the one TwiML executor: the simulated carrier runs its calls with it,
 * and so do `kinline call` and the tests. It fetches TwiML with signed requests, performs
 * Say/Play/Pause/Gather/Record/Redirect/Enqueue/Dial/Hangup, asks the party for input, and posts to action
 * URLs, including the fall-through after a Gather that got no input (twilio-notes TW-23).
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
    const reply = n === 0 && o.twiml !== undefined ? { status: 200, body: o.twiml } : await fetchTwiml(o, next, emit);
    if (o.isStale?.()) return { ...result, outcome: 'superseded' };
    result.documents.push(reply.body);
    if (failed(reply.status)) {
      emit({ kind: 'error', code: '11200', status: reply.status });
      next = { outcome: `http-${reply.status}` };
      break;
    }
    let doc: TwimlNode;
    try {
      doc = parseTwiml(reply.body);
    } catch (e) {
      emit({ kind: 'error', code: '12100' });
      next = { outcome: `invalid-twiml: ${(e as Error).message}` };
      break;
    }
    next = await executeVerbs(doc.children, next.url, o, emit);
  }
  result.outcome = (next as { outcome: string }).outcome;
  if (result.outcome === 'superseded') return result;
  emit({ kind: 'end', outcome: result.outcome });
  if (o.statusCallback) {
    const duration = String(Math.max(1, Math.round((Date.now() - started) / 1000)));
    await o.transport.post(o.statusCallback, { ...o.params, CallStatus: 'completed', CallDuration: duration, SequenceNumber: '3' });
  }
  return result;
}

/** One TwiML request; when it fails and the call has a fallback URL, the fallback's answer instead. */
async function fetchTwiml(o: CallOptions, next: { url: string; extra: Record<string, string> }, emit: (e: CallEvent) => void) {
  const params = { ...o.params, CallStatus: 'in-progress', ...next.extra };
  const reply = await o.transport.post(next.url, params);
  emit({ kind: 'request', url: next.url, status: reply.status });
  if (!failed(reply.status) || !o.fallbackUrl || o.isStale?.()) return reply;
  const fallback = await o.transport.post(o.fallbackUrl, { ...params, ErrorCode: '11200', ErrorUrl: next.url });
  emit({ kind: 'request', url: o.fallbackUrl, status: fallback.status });
  return fallback;
}
