import type { SimulatedCarrier } from './simulated-carrier.js';
import type { Transport } from './signed-transport.js';
import type { Dequeue } from './sim-queues.js';
import { sleep, type SimCall } from './sim-types.js';
import { parseTwiml, type TwimlNode } from './twiml-document.js';
import { executeVerbs } from './execute-verbs.js';
import type { DialResult } from './twiml-executor.js';
import { logEvent, standardParams } from './sim-call-params.js';

const WHISPER_VERBS = new Set(['Say', 'Play', 'Pause', 'Redirect']);

/** Resolves when either call hangs up or is redirected (its abort signal fires). */
function eitherLeaves(a: SimCall, b: SimCall): Promise<void> {
  return new Promise((resolve) => {
    for (const s of [a.abort.signal, b.abort.signal]) {
      if (s.aborted) return resolve();
      s.addEventListener('abort', () => resolve(), { once: true });
    }
  });
}

/**
 * The Queue url document runs on the dequeued caller's call before the bridge (twilio-notes TW-39): Play, Say,
 * Pause and Redirect only; its request carries QueueSid, the caller's CallSid, QueueTime and DequeingCallSid.
 */
async function whisper(
  c: SimulatedCarrier,
  caller: SimCall,
  dialler: SimCall,
  url: string,
  queueSid: string,
  queueTime: number,
  t: Transport,
) {
  let next: { url: string; extra: Record<string, string> } | undefined = { url, extra: {} };
  for (let n = 0; next && n < 10 && !caller.ended; n++) {
    const reply = await t.post(next.url, {
      ...standardParams(c, caller),
      CallStatus: 'in-progress',
      QueueSid: queueSid,
      QueueTime: String(queueTime),
      DequeingCallSid: dialler.sid,
    });
    if (reply.status < 200 || reply.status >= 300) return logEvent(c, caller, { kind: 'error', code: '11200', status: reply.status });
    let verbs: TwimlNode[];
    try {
      verbs = parseTwiml(reply.body).children;
    } catch {
      return logEvent(c, caller, { kind: 'error', code: '12100' });
    }
    for (const v of verbs) if (!WHISPER_VERBS.has(v.name)) logEvent(c, caller, { kind: 'unsupported', verb: v.name });
    const out = await executeVerbs(
      verbs.filter((v) => WHISPER_VERBS.has(v.name)),
      next.url,
      {
        url: next.url,
        params: {},
        party: { respond: () => ({ kind: 'silence' }) },
        transport: t,
        isStale: () => caller.ended,
        pause: (s) => sleep(s * c.o.pauseUnitMs, caller.abort.signal),
      },
      (e) => logEvent(c, caller, e),
    );
    next = 'url' in out ? out : undefined;
  }
}

/** A scripted party's talk time (PartyScript.hangupAfterJoinMs) counts from the bridge. */
function talkTimer(c: SimulatedCarrier, call: SimCall): ReturnType<typeof setTimeout> | undefined {
  const ms = call.script.hangupAfterJoinMs;
  return ms === undefined ? undefined : setTimeout(() => void c.end(call, 'completed'), ms);
}

/**
 * <Dial><Queue>NAME</Queue></Dial> on `dialler` (an operator's leg, twilio-notes TW-39): takes the caller who waited
 * longest (on an empty queue it waits up to the Dial timeout, then no-answer; an unknown queue fails), runs the
 * Queue url on the caller, then bridges the two until either hangs up. The Dial action gets DialCallSid (the
 * caller), DialCallDuration and QueueSid.
 */
export async function dialQueue(
  c: SimulatedCarrier,
  dialler: SimCall,
  dial: TwimlNode,
  resolve: (url: string | undefined) => string,
  t: Transport,
): Promise<DialResult> {
  const noun = dial.children.find((k) => k.name === 'Queue')!;
  const q = c.queues.find(noun.text);
  if (!q) {
    c.record(dialler, 'dial_queue', 'no such queue');
    return 'failed';
  }
  const timeoutMs = Number(dial.attrs.timeout ?? 30) * c.o.pauseUnitMs;
  const m = await c.queues.takeOldest(q, timeoutMs, dialler.abort.signal);
  const caller = m && c.calls.get(m.callSid);
  if (!m || !caller) {
    if (m) c.queues.remove(m);
    c.record(dialler, 'dial_queue', 'no caller', { queueSid: q.sid });
    return { status: dialler.ended ? 'canceled' : 'no-answer', extra: { QueueSid: q.sid } };
  }
  let whispered!: () => void;
  let bridgeEnd!: () => void;
  const d: Dequeue = {
    byCallSid: dialler.sid,
    whisperDone: new Promise((r) => (whispered = r)),
    bridgeEnded: new Promise((r) => (bridgeEnd = r)),
  };
  m.dequeue = d;
  c.queues.remove(m); // stops the caller's wait document
  const url = noun.attrs.url ? resolve(noun.attrs.url) : undefined;
  if (url) await whisper(c, caller, dialler, url, q.sid, m.waited ?? 0, t);
  whispered();
  const bridgedAt = Date.now();
  c.record(dialler, 'queue_bridged', undefined, { with: caller.sid, queueSid: q.sid });
  c.record(caller, 'queue_bridged', undefined, { with: dialler.sid, queueSid: q.sid });
  const timers = [talkTimer(c, dialler), talkTimer(c, caller)];
  await eitherLeaves(dialler, caller);
  for (const timer of timers) clearTimeout(timer);
  bridgeEnd();
  const duration = String(Math.round((Date.now() - bridgedAt) / c.o.pauseUnitMs));
  const extra = { DialCallSid: caller.sid, DialCallDuration: duration, QueueSid: q.sid };
  if (dialler.ended && dial.attrs.action && !c.isStopped) {
    // The dialler hung up: Twilio still requests the Dial action (its answer is ignored), so the application learns
    // how the bridge ended.
    await t.post(resolve(dial.attrs.action), {
      ...standardParams(c, dialler),
      CallStatus: 'completed',
      ...extra,
      DialCallStatus: 'completed',
    });
  }
  return { status: 'completed', extra };
}
