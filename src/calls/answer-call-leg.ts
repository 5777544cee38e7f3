import type { AppContext } from '../app-context.js';
import type { Language } from '../storage/schema.js';
import type { Action, FlowInput } from '../flow-engine/types.js';
import { newSession, runFlow } from '../flow-engine/run-flow.js';
import { SUPERVISED_CALL_EFFECTS } from './supervised-call-effects.js';
import type { CallLeg, SupervisedCallFlow } from './supervised-call-flow.js';

export interface LegAnswer {
  actions: Action[];
  /** The step the document waits at: its Gather or Redirect posts there. */
  waitsAt?: string;
}

const HANG_UP: LegAnswer = { actions: [{ kind: 'hangup' }] };
// A turn of this flow runs one decision; more means the flow loops through effects.
const MAX_EFFECTS_PER_TURN = 4;

type ScheduledCall = NonNullable<Awaited<ReturnType<AppContext['repos']['scheduledCalls']['findById']>>>;

/**
 * The session a leg's document starts from, read from the database on every webhook (the truth stays in the
 * call's rows; nothing is kept between documents but the step in the URL). The relative hears his own
 * language and, once he asked who is calling, the detainee's given name (D-05, D-11).
 */
async function legSession(ctx: AppContext, leg: CallLeg, call: ScheduledCall | undefined) {
  const vars: Record<string, string> = { recording: ctx.config.hotline.recordingEnabled ? 'on' : 'off' };
  if (!call) return newSession('ru', vars);
  Object.assign(vars, { minutes: String(call.max_minutes), room: call.id });
  if (leg !== 'relative') return newSession(call.language as Language, vars);
  const contact = await ctx.repos.contacts.findById(call.contact_id);
  const detainee = await ctx.repos.detainees.findById(call.detainee_id);
  if (detainee) vars.name = detainee.given_name;
  return newSession((contact?.language ?? call.language) as Language, vars);
}

/**
 * One document of a supervised call (flows/supervised-call/flow.yaml): the leg's entry when `at` is
 * undefined, else the answer to step `at`, which waited, with the key pressed (or none). Only for the
 * attempt that is the call's current one and still running; anything else hangs up. The warning is the
 * exception: it is announced into a conference, where a Hangup has no place (twilio-notes: REST parameters). Reads and
 * writes the database only: a webhook waits on no REST call (twilio-notes TW-09).
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
  if (leg !== 'warning') {
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
