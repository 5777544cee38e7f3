import type { SimulatedCarrier } from './simulated-carrier.js';
import { parseTwiml, type TwimlNode } from './parse-twiml.js';
import { postWebhook } from './post-webhook.js';
import { sleep, type SimCall } from './sim-types.js';

/**
 * Fetches a TwiML document with a signed POST (fallback URL on failure, pitfall 10) and executes it for one
 * call: Say, Play, Pause, Gather (scripted digits), Redirect, Hangup and Dial/Conference. A REST redirect
 * bumps the call's generation, which stops this document at the next verb.
 */
export async function runTwimlUrl(c: SimulatedCarrier, call: SimCall, url: string, extra: Record<string, string> = {}): Promise<void> {
  const gen = call.gen;
  if (c.isStopped) return;
  const params = { AccountSid: c.o.accountSid, CallSid: call.sid, From: call.from, To: call.to, CallStatus: 'in-progress', Direction: 'outbound-api', ApiVersion: '2010-04-01', ...extra };
  const auth = { authToken: c.o.authToken, connectRetries: c.o.connectRetries };
  let res = await postWebhook(url, params, auth);
  if ((!res || res.status >= 400) && call.fallbackUrl) res = await postWebhook(call.fallbackUrl, { ...params, ErrorCode: '11200', ErrorUrl: url }, auth);
  if (call.gen !== gen || call.ended) return;
  if (!res || res.status >= 400) {
    c.record(call, 'error', '11200', { status: res?.status ?? 0 });
    return c.end(call, 'completed');
  }
  let verbs: TwimlNode[];
  try {
    verbs = parseTwiml(res.text);
  } catch {
    c.record(call, 'error', '12100');
    return c.end(call, 'completed');
  }
  await runVerbs(c, call, verbs, gen, url);
}

async function runVerbs(c: SimulatedCarrier, call: SimCall, verbs: TwimlNode[], gen: number, url: string): Promise<void> {
  const unit = c.o.pauseUnitMs;
  const stale = () => call.gen !== gen || call.ended;
  for (const v of verbs) {
    if (stale()) return;
    switch (v.name) {
      case 'Say':
        c.record(call, 'say', v.text, { language: v.attrs.language });
        break;
      case 'Play':
        c.record(call, 'play', v.text);
        break;
      case 'Pause':
        await sleep(Number(v.attrs.length ?? 1) * unit, call.abort.signal);
        break;
      case 'Hangup':
        return c.end(call, 'completed');
      case 'Redirect':
        return runTwimlUrl(c, call, new URL(v.text, url).toString());
      case 'Gather': {
        for (const k of v.children) if (k.name === 'Say') c.record(call, 'say', k.text, { language: k.attrs.language });
        const digits = call.script.digits?.[call.digitIndex++];
        const action = v.attrs.action ? new URL(v.attrs.action, url).toString() : url;
        if (!digits) {
          await sleep(Number(v.attrs.timeout ?? 5) * unit, call.abort.signal);
          if (stale()) return;
          // Pitfall 23: without actionOnEmptyResult, no input falls through to the next verb.
          if (v.attrs.actionOnEmptyResult === 'true') return runTwimlUrl(c, call, action, { Digits: '' });
          break;
        }
        c.record(call, 'pressed', undefined, { count: digits.length });
        return runTwimlUrl(c, call, action, { Digits: digits });
      }
      case 'Dial': {
        const conf = v.children.find((k) => k.name === 'Conference');
        if (!conf) {
          c.record(call, 'unsupported', 'Dial without Conference');
          break;
        }
        const a = conf.attrs;
        await c.rooms.join(call, conf.text, {
          muted: a.muted === 'true',
          hold: false,
          startConferenceOnEnter: a.startConferenceOnEnter !== 'false',
          endConferenceOnExit: a.endConferenceOnExit === 'true',
        }, a.statusCallback, a.statusCallbackEvent?.split(' '));
        break;
      }
      default:
        c.record(call, 'unsupported', v.name);
    }
  }
  if (!stale()) await c.end(call, 'completed');
}
