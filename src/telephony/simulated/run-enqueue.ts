import type { SimulatedCarrier } from './simulated-carrier.js';
import type { Party, PartyAction } from './party.js';
import type { SimQueueMember } from './sim-queues.js';
import { sleep, type SimCall } from './sim-types.js';
import { parseTwiml, type TwimlNode } from './twiml-document.js';
import { executeVerbs, type Next } from './execute-verbs.js';
import type { CallEvent, CallOptions } from './twiml-executor.js';

const WAIT_VERBS = new Set(['Say', 'Play', 'Pause', 'Gather', 'Redirect', 'Hangup', 'Leave']);

type QueueResult = 'bridged' | 'queue-full' | 'error' | 'hangup' | 'leave' | 'redirected' | 'system-shutdown';

/** The party's answer, or silence as soon as the caller leaves the queue (an operator took the call). */
function untilLeft(party: Party, signal: AbortSignal): Party {
  const left = new Promise<PartyAction>((r) => signal.addEventListener('abort', () => r({ kind: 'silence' }), { once: true }));
  return { respond: (prompt) => (signal.aborted ? { kind: 'silence' } : Promise.race([Promise.resolve(party.respond(prompt)), left])) };
}

/**
 * Plays the waitUrl document in a loop while the caller waits (twilio-notes TW-39): each request carries the
 * position and times; a <Gather> action's TwiML runs on the caller's call and may <Leave>; a <Redirect> is
 * followed. Returns how the wait ended unless someone else ended it (dequeued, hung up, redirected).
 */
async function waitInQueue(
  c: SimulatedCarrier,
  m: SimQueueMember,
  waitUrl: string | undefined,
  o: CallOptions,
  emit: (e: CallEvent) => void,
) {
  const signal = m.abort.signal;
  // Without a waitUrl Twilio plays its hold music until the caller leaves.
  if (!waitUrl) return new Promise<QueueResult | undefined>((r) => signal.addEventListener('abort', () => r(undefined), { once: true }));
  const q = c.queues.find(m.queueSid)!;
  const waitOpts: CallOptions = {
    ...o,
    inQueue: true,
    enqueue: undefined,
    isStale: () => signal.aborted || (o.isStale?.() ?? false),
    pause: (seconds) => sleep(seconds * c.o.pauseUnitMs, signal),
    party: untilLeft(o.party, signal),
  };
  let next: Next = { url: waitUrl, extra: {} };
  while (!signal.aborted) {
    const url = 'url' in next ? next.url : waitUrl;
    const started = Date.now();
    const reply = await o.transport.post(url, {
      ...o.params,
      CallStatus: 'in-progress',
      ...('url' in next ? next.extra : {}),
      QueueSid: m.queueSid,
      QueuePosition: String(c.queues.position(m)),
      QueueTime: String(c.queues.waitOf(m)),
      AvgQueueTime: String(c.queues.averageWait(q)),
      CurrentQueueSize: String(q.members.length),
    });
    emit({ kind: 'request', url, status: reply.status });
    if (signal.aborted) return undefined;
    if (reply.status < 200 || reply.status >= 300) return (emit({ kind: 'error', code: '11200', status: reply.status }), 'error');
    let doc: TwimlNode;
    try {
      doc = parseTwiml(reply.body);
    } catch {
      return (emit({ kind: 'error', code: '12100' }), 'error');
    }
    for (const v of doc.children) if (!WAIT_VERBS.has(v.name)) emit({ kind: 'unsupported', verb: v.name });
    next = await executeVerbs(
      doc.children.filter((v) => WAIT_VERBS.has(v.name)),
      url,
      waitOpts,
      emit,
    );
    if ('url' in next) continue;
    if (next.outcome === 'leave') return 'leave';
    if (next.outcome === 'hangup' || next.outcome === 'caller-hangup') return 'hangup';
    // The document ended: Twilio fetches the waitUrl again; one that neither paused nor waited plays its hold music.
    if (Date.now() - started < c.o.pauseUnitMs) await sleep(c.o.holdMusicSeconds * c.o.pauseUnitMs, signal);
  }
  return undefined;
}

/**
 * <Enqueue> on a carrier call (twilio-notes TW-32, TW-39): the caller waits in the named FIFO queue, hearing the
 * waitUrl document, until an operator's <Dial><Queue> takes it (then it stays bridged until either hangs up), it
 * <Leave>s, hangs up or is redirected by the REST API. Then the action URL gets QueueResult, QueueSid and
 * QueueTime; its TwiML continues the call unless the call is gone.
 */
export async function runEnqueue(
  c: SimulatedCarrier,
  call: SimCall,
  v: TwimlNode,
  resolve: (url: string | undefined) => string,
  o: CallOptions,
  emit: (e: CallEvent) => void,
): Promise<Next | undefined> {
  const gen = call.gen;
  const action = v.attrs.action ? resolve(v.attrs.action) : undefined;
  const m = v.text.length > 64 || !v.text ? undefined : c.queues.enqueue(v.text, call.sid);
  if (!m) {
    const QueueResult = v.text.length > 64 || !v.text ? 'error' : 'queue-full';
    c.record(call, 'queue_result', QueueResult);
    return action ? { url: action, extra: { QueueResult, QueueTime: '0' } } : undefined;
  }
  c.record(call, 'enqueued', v.text, { queueSid: m.queueSid, position: c.queues.position(m) });
  // A hang-up or a REST redirect aborts the call's signal: the caller leaves the queue.
  const callSignal = call.abort.signal;
  let leftBy: QueueResult | undefined;
  const leave = () => {
    // Decided now: a redirected call may end soon after under its new document.
    leftBy = c.isStopped ? 'system-shutdown' : call.ended ? 'hangup' : 'redirected';
    c.queues.remove(m);
  };
  callSignal.addEventListener('abort', leave, { once: true });
  const own = await waitInQueue(c, m, v.attrs.waitUrl ? resolve(v.attrs.waitUrl) : undefined, o, emit);
  c.queues.remove(m);
  callSignal.removeEventListener('abort', leave);
  if (m.dequeue) await m.dequeue.bridgeEnded;
  const result: QueueResult = m.dequeue ? 'bridged' : (leftBy ?? own ?? 'error');
  c.record(call, 'queue_result', result, { queueTime: m.waited });
  const extra = { QueueResult: result, QueueSid: m.queueSid, QueueTime: String(m.waited ?? 0) };
  const live = !call.ended && call.gen === gen && result !== 'hangup';
  if (live) return action ? { url: action, extra } : undefined;
  // The call is gone or follows another document: Twilio still requests the action and ignores its answer.
  if (action && !c.isStopped) {
    const reply = await o.transport.post(action, { ...o.params, CallStatus: call.ended ? 'completed' : 'in-progress', ...extra });
    emit({ kind: 'request', url: action, status: reply.status });
  }
  return result === 'hangup' && !call.ended ? { outcome: 'hangup' } : { outcome: 'superseded' };
}
