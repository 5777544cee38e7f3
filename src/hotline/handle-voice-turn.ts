import type { Flow, FlowInput } from '../flow-engine/types.js';
import { newSession, runFlow, type FlowReply } from '../flow-engine/run-flow.js';
import { APOLOGY_TWIML, HANGUP_TWIML } from '../telephony/twilio/render-twiml.js';
import type { CallSession } from './call-session.js';
import type { Hotline } from './hotline.js';
import type { VoiceParams } from './voice-params.js';
import { renderReply } from './render-reply.js';
import { writeCallLog } from './write-call-log.js';
import { withoutSpokenVars } from './call-session-store.js';
import { fromMenuToken, menuToken } from './menu-token.js';
import { withTrail } from './call-trail.js';
import type { MenuReply } from './menu-replies.js';

// A flow that asks for more use cases than this in one turn is broken; stop rather than spin.
const MAX_EFFECTS_PER_TURN = 8;

export function inputFromParams(p: VoiceParams): FlowInput {
  if (p.RecordingSid) return { kind: 'record', recordingSid: p.RecordingSid, durationSeconds: Number(p.RecordingDuration) || 0 };
  if (p.Digits) return { kind: 'digits', digits: p.Digits };
  return { kind: 'empty' };
}

function startSession(h: Hotline, p: VoiceParams): CallSession {
  const recording = h.ctx.config.hotline.recordingEnabled ? 'on' : 'off';
  // C-10: StirVerstat is kept as a risk signal only; it never unlocks anything.
  return { ...newSession('ru', { recording }), callSid: p.CallSid, from: p.From ?? '', turn: 0, data: {}, startedAt: h.ctx.clock.now().toISOString(), stirVerstat: p.StirVerstat ?? null };
}

/** The engine's run; the stored answer is not flow state, so the engine's copy leaves it out. */
function run(flow: Parameters<typeof runFlow>[0], session: CallSession, input: FlowInput): FlowReply {
  const { last: _last, ...state } = session;
  return runFlow(flow, state as CallSession, input);
}

interface Turn {
  reply: FlowReply;
  actions: FlowReply['actions'];
  /** A use case ran, so the answer depends on more than the menu state and the key (e.g. the time of day). */
  ranEffect: boolean;
}

/**
 * The flow's answer to `input`, with the use cases it asks for run on the way. `pureOnly`: undefined as soon
 * as a use case that is not pure would run (it needs the call's lock, so that a retry does not run it twice).
 */
async function runTurn(h: Hotline, flow: Flow, session: CallSession, input: FlowInput, params: VoiceParams, pureOnly: boolean): Promise<Turn | undefined> {
  let reply = run(flow, session, input);
  const actions = [...reply.actions];
  let ranEffect = false;
  for (let n = 0; reply.effect; n++) {
    if (n >= MAX_EFFECTS_PER_TURN) throw new Error(`flow ${flow.name}: too many effects in one turn`);
    const effect = h.effects[reply.effect];
    if (!effect) throw new Error(`flow ${flow.name}: unknown effect ${reply.effect}`);
    if (pureOnly && !effect.pure) return undefined;
    const next = reply.session as CallSession;
    const result = await effect.run({ ctx: h.ctx, session: next, params, limiters: h.limiters });
    reply = runFlow(flow, next, { kind: 'effect', outcome: result.outcome, vars: result.vars });
    actions.push(...reply.actions);
    ranEffect = true;
  }
  return { reply, actions, ranEffect };
}

/** The session to store after this turn, with the TwiML answer that a retry will get again. */
function finishTurn(h: Hotline, session: CallSession, reply: FlowReply, actions: FlowReply['actions'], turn: number): CallSession {
  const nextTurn = session.turn + 1;
  const twiml = renderReply(actions, h.ctx.config.http.publicBaseUrl, nextTurn);
  const saved: CallSession = { ...(reply.session as CallSession), turn: nextTurn, last: { turn, twiml } };
  // An ended flow needs no variables any more; keep only the answer a retried webhook must get again (C-13).
  if (saved.ended) saved.vars = withoutSpokenVars(saved.vars);
  const at = h.ctx.clock.now().toISOString();
  for (let i = session.path.length; i < saved.path.length; i++) saved.path[i].at = at;
  return saved;
}

/**
 * Saves a turn that needed no lock with one compare-and-set: only if the call is unlocked and still expects
 * `expected` (null: no session yet). A flow that ends here is logged once the turn is saved, so a copy of
 * the turn that loses the race writes nothing. Undefined: another request got there first, and the locked
 * path answers from what it stored.
 */
async function commitTurn(h: Hotline, expected: number | null, saved: CallSession): Promise<string | undefined> {
  if (!(await h.store.commitIfCurrent(expected, saved))) return undefined;
  if (saved.ended) await writeCallLog(h.ctx, withTrail(saved, await h.trail.readOrSkip(saved.callSid)));
  return saved.last!.twiml;
}

/**
 * A turn of a call still in the menus. A reply that stays in the menus carries its state in the URL
 * (menu-token.ts): no Redis round trip, no lock. A reply that leaves them (something keyed in, or the end of
 * the call) creates the session in Redis with one compare-and-set, and so does a reply a pure use case gave
 * (operator hours): it depends on the clock, so a retry must find it stored rather than work it out again
 * across the hour. Undefined: take the locked path (a use case that changes something, or a session that
 * already exists: a retry).
 */
async function answerFromMenus(h: Hotline, flow: Flow, turn: number, seed: CallSession, params: VoiceParams, token: string | undefined): Promise<string | undefined> {
  const t = await runTurn(h, flow, seed, turn === 0 ? { kind: 'start' } : inputFromParams(params), params, true);
  if (!t) return undefined;
  const next: CallSession = { ...(t.reply.session as CallSession), turn: seed.turn + 1 };
  const nextToken = next.ended || t.ranEffect ? undefined : menuToken(flow, next, h.menuKey);
  if (nextToken === undefined) return commitTurn(h, null, finishTurn(h, seed, t.reply, t.actions, turn));
  const answer = { twiml: renderReply(t.actions, h.ctx.config.http.publicBaseUrl, `${next.turn}/${nextToken}`), language: next.language, entries: next.path };
  // Keys pressed at a collect-digits step are the start of a number: never remembered, even when too short.
  if (seed.step === null || flow.steps[seed.step]?.type === 'menu' || !params.Digits) h.menuReplies.set(turn, token, params, answer);
  return noted(h, turn, params, answer);
}

/** The answer of a menu turn, with its steps on the call's trail. */
function noted(h: Hotline, turn: number, params: VoiceParams, answer: MenuReply): string {
  const at = h.ctx.clock.now().toISOString();
  h.trail.note(params.CallSid, turn, answer.language, answer.entries.map((p) => ({ ...p, at })), turn === 0 ? { at, stirVerstat: params.StirVerstat } : undefined);
  return answer.twiml;
}

/**
 * The common case in one Redis round trip: a step that runs no use case that changes anything, for a call
 * this instance served last. It is saved only if the call is unlocked and still at this turn; anything else
 * returns undefined and takes the locked path, which sees what the other request did.
 */
async function navigate(h: Hotline, flow: Flow, turn: number, params: VoiceParams): Promise<string | undefined> {
  const cached = h.store.cached(params.CallSid);
  if (cached?.turn !== turn) return undefined;
  const t = await runTurn(h, flow, cached, inputFromParams(params), params, true);
  return t && commitTurn(h, turn, finishTurn(h, cached, t.reply, t.actions, turn));
}

/**
 * One webhook of a call: turn 0 is /voice/incoming, turn N is /voice/step/N (with `token` while the call is in
 * the menus). A retried webhook (same call, same turn, same input) returns the same TwiML and changes nothing;
 * a stale one for a call kept in Redis returns the current prompt again (pitfall 12). Steps that run use cases
 * (effects) or end the call hold the call's lock.
 */
export async function handleVoiceTurn(h: Hotline, turn: number, params: VoiceParams, token?: string): Promise<string> {
  const flow = await h.flow();
  if (turn === 0 || token !== undefined) {
    const known = h.menuReplies.get(turn, token, params);
    if (known) return noted(h, turn, params, known);
  }
  let seed: CallSession | undefined;
  if (turn === 0) seed = startSession(h, params);
  else if (token !== undefined) {
    const carried = fromMenuToken(flow, token, turn, h.menuKey);
    if (!carried) return APOLOGY_TWIML;
    seed = { ...carried, callSid: params.CallSid, from: params.From ?? '', path: [], ended: false, data: {}, stirVerstat: null };
  }
  const fast = seed ? await answerFromMenus(h, flow, turn, seed, params, token) : await navigate(h, flow, turn, params);
  if (fast !== undefined) return fast;
  return h.store.withSession(params.CallSid, async (stored, ended) => {
    // The final status came first. The step the call was waiting for still counts once, because a caller who
    // pressed "stop all calls" (C-11) or asked for a call and hung up at once meant it; its save keeps only
    // the state (see withSession). Anything else (a retry, a call that never left the menus) runs nothing.
    if (ended && (!stored || turn !== stored.turn)) return { result: HANGUP_TWIML };
    const input: FlowInput = turn === 0 ? { kind: 'start' } : inputFromParams(params);
    let session: CallSession;
    if (stored) {
      // A retry, or a stale request: the answer the call already got.
      if (turn === 0 || turn !== stored.turn) return { result: stored.last?.twiml ?? APOLOGY_TWIML };
      session = stored;
    } else if (seed) {
      // The call leaves the menus: from here on its session lives in Redis.
      session = seed;
    } else {
      // Unknown or expired call: nothing to continue, so end it politely.
      return { result: APOLOGY_TWIML };
    }

    const { reply, actions } = (await runTurn(h, flow, session, input, params, false))!;
    const saved = finishTurn(h, session, reply, actions, turn);
    // The call log is written when the flow ends (and on the final status callback), not on every webhook.
    if (saved.ended) await writeCallLog(h.ctx, withTrail(saved, await h.trail.readOrSkip(saved.callSid)));
    return { result: saved.last!.twiml, save: saved };
  });
}
