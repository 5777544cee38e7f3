import type { Flow, FlowInput } from '../flow-engine/types.js';
import { newSession, runFlow, type FlowReply } from '../flow-engine/run-flow.js';
import { APOLOGY_TWIML, HANGUP_TWIML, renderTwiml } from '../telephony/twilio/render-twiml.js';
import type { CallSession } from './call-session.js';
import type { Hotline } from './hotline.js';
import type { VoiceParams } from '../telephony/webhook-params.js';
import { voiceUrls } from './voice-urls.js';
import { writeCallLog } from './write-call-log.js';
import { withoutSpokenVars } from './call-session-store.js';
import { joinDeskQueue } from './join-desk-queue.js';

// A flow that asks for more use cases than this in one turn is broken; stop rather than spin.
const MAX_EFFECTS_PER_TURN = 8;

export function inputFromParams(p: VoiceParams): FlowInput {
  if (p.QueueResult) return { kind: 'queue', result: p.QueueResult };
  if (p.RecordingSid) return { kind: 'record', recordingSid: p.RecordingSid, durationSeconds: Number(p.RecordingDuration) || 0 };
  if (p.Digits) return { kind: 'digits', digits: p.Digits };
  return { kind: 'empty' };
}

function startSession(h: Hotline, p: VoiceParams): CallSession {
  const recording = h.ctx.config.hotline.recordingEnabled ? 'on' : 'off';
  // C-10: StirVerstat is kept as a risk signal only; it never unlocks anything.
  return {
    ...newSession('ru', { recording }),
    callSid: p.CallSid,
    from: p.From ?? '',
    turn: 0,
    data: {},
    startedAt: h.ctx.clock.now().toISOString(),
    stirVerstat: p.StirVerstat ?? null,
  };
}

/** The flow's answer to `input`, running on the way the use cases (effects) it asks for. */
async function runTurn(h: Hotline, flow: Flow, session: CallSession, input: FlowInput, params: VoiceParams): Promise<FlowReply> {
  const { last: _last, ...state } = session;
  let reply = runFlow(flow, state, input);
  const actions = [...reply.actions];
  for (let n = 0; reply.effect; n++) {
    if (n >= MAX_EFFECTS_PER_TURN) throw new Error(`flow ${flow.name}: too many effects in one turn`);
    const effect = h.effects[reply.effect];
    if (!effect) throw new Error(`flow ${flow.name}: unknown effect ${reply.effect}`);
    const next = reply.session as CallSession;
    const result = await effect.run({ ctx: h.ctx, session: next, params, limits: h.limits });
    reply = runFlow(flow, next, { kind: 'effect', outcome: result.outcome, vars: result.vars });
    actions.push(...reply.actions);
  }
  return { ...reply, actions };
}

/**
 * One webhook of a hotline call: turn 0 is /voice/incoming, turn N is /voice/step/N. Under the call's lock:
 * load its state, run the flow and its use cases, render the TwiML, save both, so a retried webhook (same call,
 * same turn) gets the same answer and changes nothing, and a stale one gets the current prompt again
 * (twilio-notes TW-12). The call log is written when the flow ends and again on the final status.
 */
export async function handleVoiceTurn(h: Hotline, turn: number, params: VoiceParams): Promise<string> {
  const flow = await h.flow();
  return h.store.turn(params.CallSid, async ({ session: stored, ended }) => {
    // The final status came first. The step the call was waiting for still counts once, because a caller who
    // pressed "stop all calls" (C-11) or asked for a call and hung up at once meant it. Anything else (a
    // retry, a replayed step) runs nothing.
    if (ended && (!stored || turn !== stored.turn)) return { result: HANGUP_TWIML };
    if (stored && (turn === 0 || turn !== stored.turn)) return { result: stored.last?.twiml ?? APOLOGY_TWIML };
    // An unknown or expired call: nothing to continue, so end it politely.
    if (!stored && turn !== 0) return { result: APOLOGY_TWIML };

    const session = stored ?? startSession(h, params);
    const reply = await runTurn(h, flow, session, turn === 0 ? { kind: 'start' } : inputFromParams(params), params);
    const twiml = renderTwiml(reply.actions, voiceUrls(h.ctx.config.http.publicBaseUrl, session.turn + 1));
    const saved: CallSession = { ...(reply.session as CallSession), turn: session.turn + 1, last: { turn, twiml } };
    const at = h.ctx.clock.now().toISOString();
    for (let i = session.path.length; i < saved.path.length; i++) saved.path[i].at = at;

    const enqueued = reply.actions.some((a) => a.kind === 'enqueue');
    // A queued caller's log is written now, as the wait may outlive the session (call-session-store).
    if (enqueued && !saved.ended) await writeCallLog(h.ctx, saved, undefined, saved.step ?? undefined);
    if (enqueued) await joinDeskQueue(h.ctx, saved);
    if (saved.ended) {
      await writeCallLog(h.ctx, saved);
      // The flow is over: keep only the answer a retried webhook must get again, not what was heard (C-13).
      saved.vars = withoutSpokenVars(saved.vars);
    }
    return { result: twiml, save: ended ? { ended: saved } : { live: saved } };
  });
}
