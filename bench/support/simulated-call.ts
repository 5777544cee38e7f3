import { randomBytes } from 'node:crypto';
import { callerKeys } from './caller-keys.js';
import type { Seed } from './start-kinline.js';

/** A server under load and what a call to it needs: where it is and the token its webhooks are signed with. */
export interface CallTarget {
  base: string;
  authToken: string;
  accountSid: string;
  hotlineNumber: string;
  seeds: Seed[];
}

/** How a call ended. */
export type Ending = 'hangup' | 'enqueued' | 'caller hung up' | 'document ended' | 'error answer' | 'connection error';

/** One webhook to send: the path on the target and the POST parameters, signed when it is written. */
export interface Webhook {
  path: string;
  params: Record<string, string>;
}

// Each call of a run comes from its own number, as in real traffic: the per-caller limit counts lookups per
// number and must see what it would see in service.
let callers = 0;

const VERB = /<(Gather|Record|Redirect|Enqueue|Dial|Hangup|Reject)\b([^>]*)>/g;
const attr = (attrs: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attrs)?.[1];
const unescapeXml = (s: string) =>
  s
    .trim()
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/**
 * One inbound call as Twilio makes it: the first webhook to /voice/incoming, then each answer's verbs in order,
 * as Twilio runs them. A Gather takes the caller's next keys and posts them to its action; silence goes on to
 * the verb after it (the Redirect); a Redirect is followed; an Enqueue fetches its waitUrl once and the caller
 * then hangs up in the queue; a Hangup, or a document that runs out, ends the call. A caller without keys left
 * hangs up. Every call ends with the final status callback, as Twilio sends it.
 */
export class SimulatedCall {
  private readonly params: Record<string, string>;
  private readonly keys: string[];
  private pressed = 0;
  private request: Webhook;
  /** Set while the request in flight is the queue's wait URL: the call ends after it. */
  private endsAfter?: Ending;
  ending?: Ending;
  done = false;

  constructor(
    private readonly t: CallTarget,
    n: number,
  ) {
    const from = `+7916${1_000_000 + (callers++ % 9_000_000)}`;
    const CallSid = `CA${randomBytes(16).toString('hex')}`;
    this.params = {
      AccountSid: t.accountSid,
      ApiVersion: '2010-04-01',
      CallSid,
      CallStatus: 'in-progress',
      Called: t.hotlineNumber,
      Caller: from,
      Direction: 'inbound',
      From: from,
      FromCountry: 'RU',
      To: t.hotlineNumber,
    };
    this.keys = callerKeys(n, t.seeds);
    this.request = { path: '/voice/incoming', params: { ...this.params, CallStatus: 'ringing' } };
  }

  /** The webhook this call sends next. */
  next(): Webhook {
    return this.request;
  }

  /** Takes the answer to the last webhook and works out the next one. */
  answered(status: number, body: string): void {
    if (this.ending) {
      this.done = true; // that was the status callback
      return;
    }
    if (status < 200 || status >= 300) return this.end('error answer');
    if (this.endsAfter) return this.end(this.endsAfter);
    const move = this.follow(body);
    if (typeof move === 'string') this.end(move);
    else this.request = move;
  }

  /** The connection failed: the call is given up, without its status callback. */
  abandon(): void {
    this.ending ??= 'connection error';
    this.done = true;
  }

  private end(ending: Ending): void {
    this.ending = ending;
    this.request = {
      path: '/voice/status',
      params: { ...this.params, CallStatus: 'completed', CallDuration: String(20 + 10 * this.pressed) },
    };
  }

  private post(url: string | undefined, extra: Record<string, string>): Webhook {
    const u = new URL(unescapeXml(url || this.request.path), this.t.base + this.request.path);
    return { path: u.pathname + u.search, params: { ...this.params, ...extra } };
  }

  /** Runs the answer's verbs as Twilio does; the next webhook, or how the call ended. */
  private follow(twiml: string): Webhook | Ending {
    for (const m of twiml.matchAll(VERB)) {
      const [, verb, attrs] = m;
      switch (verb) {
        case 'Gather': {
          if (this.pressed >= this.keys.length) return 'caller hung up';
          const digits = this.keys[this.pressed++];
          if (digits !== '') return this.post(attr(attrs, 'action'), { Digits: digits });
          break; // silence: Twilio goes on with the next verb
        }
        case 'Record':
          return 'caller hung up'; // leaving a message is not part of the mix
        case 'Redirect': {
          const from = m.index + m[0].length;
          return this.post(attrs.endsWith('/') ? undefined : twiml.slice(from, twiml.indexOf('</Redirect>', from)), {});
        }
        case 'Enqueue': {
          const waitUrl = attr(attrs, 'waitUrl');
          if (!waitUrl) return 'enqueued';
          this.endsAfter = 'enqueued';
          return this.post(waitUrl, {
            QueuePosition: '1',
            QueueTime: '0',
            AvgQueueTime: '0',
            CurrentQueueSize: '1',
            QueueSid: `QU${'0'.repeat(32)}`,
          });
        }
        default:
          return 'hangup'; // Hangup, Reject, or a Dial the hotline never answers with
      }
    }
    return 'document ended';
  }
}
