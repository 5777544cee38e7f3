import type { AppContext } from '../app-context.js';
import type { Action, FlowInput } from '../flow-engine/types.js';
import { runFlow } from '../flow-engine/run-flow.js';
import { SUPERVISED_CALL_EFFECTS } from './supervised-call-effects.js';
import type { SupervisedCallFlow } from './supervised-call-flow.js';
import { isAnnouncement, type CallLeg } from './call-legs.js';
import { legSession } from './leg-session.js';

export interface LegAnswer {
  actions: Action[];
  /** The step the document waits at: its Gather or Redirect posts there. */
  waitsAt?: string;
}

const HANG_UP: LegAnswer = { actions: [{ kind: 'hangup' }] };
// A turn of this flow runs one decision; more means the flow loops through effects.
const MAX_EFFECTS_PER_TURN = 4;

/**
 * One document of a supervised call (flows/supervised-call/flow.yaml): the leg's entry when `at` is
 * undefined, else the answer to step `at`, which waited, with the key pressed (or none). Only for the
 * attempt that is the call's current one and still running; anything else hangs up. Announcements are the
 * exception: the warning is announced into a conference, where a Hangup has no place (twilio-notes: REST
 * parameters), and the relative's goodbye follows the attempt's end. Reads and writes the database only: a
 * webhook waits on no REST call (twilio-notes TW-09).
 */
export async function answerCallLeg(
  ctx: AppContext,
  sc: SupervisedCallFlow,
  ref: { callId: string; attemptNo: number },
  leg: CallLeg,
  at: string | undefined,
  digits: string | undefined,
): Promise<LegAnswer> {
  const call = await ctx.repos.scheduledCalls.findById(ref.callId);
  if (!isAnnouncement(leg)) {
    const attempt = call && (await ctx.repos.callAttempts.find(ref.callId, ref.attemptNo));
    if (!call || !attempt || attempt.outcome || call.attempts !== ref.attemptNo) return HANG_UP;
  }
  if (at !== undefined && !sc.waits[leg].has(at)) return HANG_UP;
  const session = { ...(await legSession(ctx, leg, call)), step: at ?? null };
  const input: FlowInput = at === undefined ? { kind: 'start', entry: leg } : digits ? { kind: 'digits', digits } : { kind: 'empty' };
  let reply = runFlow(sc.flow, session, input);
  const actions = [...reply.actions];
  for (let n = 0; reply.effect; n++) {
    const effect = SUPERVISED_CALL_EFFECTS[reply.effect];
    if (!effect || n >= MAX_EFFECTS_PER_TURN) throw new Error(`supervised-call flow: cannot run effect ${reply.effect}`);
    const outcome = await effect.run(ctx, ref, reply.session);
    reply = runFlow(sc.flow, reply.session, { kind: 'effect', outcome });
    actions.push(...reply.actions);
  }
  return { actions, waitsAt: reply.session.ended ? undefined : (reply.session.step ?? undefined) };
}
