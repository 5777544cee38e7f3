import type { FlowInput } from '../flow-engine/types.js';
import { newSession, runFlow } from '../flow-engine/run-flow.js';
import { APOLOGY_TWIML } from '../telephony/twilio/render-twiml.js';
import type { CallSession } from './call-session.js';
import type { Hotline } from './hotline.js';
import type { VoiceParams } from './voice-params.js';
import { renderReply } from './render-reply.js';
import { writeCallLog } from './write-call-log.js';

// A flow that asks for more use cases than this in one turn is broken; stop rather than spin.
const MAX_EFFECTS_PER_TURN = 8;

export function inputFromParams(p: VoiceParams): FlowInput {
  if (p.RecordingSid) return { kind: 'record', recordingSid: p.RecordingSid, durationSeconds: Number(p.RecordingDuration) || 0 };
  if (p.Digits) return { kind: 'digits', digits: p.Digits };
  return { kind: 'empty' };
}

/**
 * One webhook of a call: turn 0 is /voice/incoming, turn N is /voice/step/N. A retried webhook (same call,
 * same turn, same input) returns the stored TwiML and changes nothing; a stale one returns the current
 * prompt again (pitfall 12).
 */
export function handleVoiceTurn(h: Hotline, turn: number, params: VoiceParams): Promise<string> {
  const { ctx } = h;
  return h.store.withSession(params.CallSid, async (stored) => {
    const input: FlowInput = turn === 0 ? { kind: 'start' } : inputFromParams(params);
    let session: CallSession;
    if (turn === 0) {
      if (stored) return { result: stored.last?.twiml ?? APOLOGY_TWIML };
      const recording = ctx.config.hotline.recordingEnabled ? 'on' : 'off';
      // C-10: StirVerstat is kept as a risk signal only; it never unlocks anything.
      session = { ...newSession('ru', { recording }), callSid: params.CallSid, from: params.From ?? '', turn: 0, data: {}, startedAt: ctx.clock.now().toISOString(), stirVerstat: params.StirVerstat ?? null };
    } else {
      // Unknown or expired call: nothing to continue, so end it politely.
      if (!stored) return { result: APOLOGY_TWIML };
      if (turn !== stored.turn) return { result: stored.last?.twiml ?? APOLOGY_TWIML };
      session = stored;
    }

    const flow = await h.flow();
    // The stored answer is not flow state; leaving it out keeps the engine's copy of the session small.
    const { last: _last, ...state } = session;
    let reply = runFlow(flow, state as CallSession, input);
    const actions = [...reply.actions];
    for (let n = 0; reply.effect; n++) {
      if (n >= MAX_EFFECTS_PER_TURN) throw new Error(`flow ${flow.name}: too many effects in one turn`);
      const effect = h.effects[reply.effect];
      if (!effect) throw new Error(`flow ${flow.name}: unknown effect ${reply.effect}`);
      const next = reply.session as CallSession;
      const result = await effect.run({ ctx, session: next, params, limiters: h.limiters });
      reply = runFlow(flow, next, { kind: 'effect', outcome: result.outcome, vars: result.vars });
      actions.push(...reply.actions);
    }

    const nextTurn = session.turn + 1;
    const twiml = renderReply(actions, ctx.config.http.publicBaseUrl, nextTurn);
    const saved: CallSession = { ...(reply.session as CallSession), turn: nextTurn, last: { turn, twiml } };
    const at = ctx.clock.now().toISOString();
    for (let i = session.path.length; i < saved.path.length; i++) saved.path[i].at = at;
    // The call log is written when the flow ends (and on the final status callback), not on every webhook.
    if (saved.ended) await writeCallLog(ctx, saved);
    return { result: twiml, save: saved };
  });
}
