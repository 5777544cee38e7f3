import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/parse-input.js';
import type { DeskWrapUp, Language } from '../storage/schema.js';
import { LANGUAGES } from '../storage/schema.js';
import { deskPresence, waitingCallers } from './desk.js';
import { onDeskChanged } from './desk-events.js';
import { FOLLOW_UP_WINDOWS, RESTRICTED_OUTCOMES, WRAP_UP_NOTE_MAX, WRAP_UP_OUTCOMES } from './wrap-up-outcomes.js';

const input = z.object({
  callSid: z.string().trim().min(1).max(64),
  outcome: z.enum(WRAP_UP_OUTCOMES),
  note: z.string().trim().max(WRAP_UP_NOTE_MAX).optional(),
  followUp: z.object({ window: z.enum(FOLLOW_UP_WINDOWS), summary: z.string().trim().max(200).optional() }).optional(),
});

/**
 * The operator closes a desk call (O-06): the outcome, a note, and when needed a follow-up task in the family's
 * window. Only the operator connected to the caller may: anyone else is refused and nothing changes. Then the
 * operator is available again and the caller leaves the desk.
 */
export async function wrapUp(ctx: AppContext, p: Principal, body: unknown): Promise<DeskWrapUp> {
  const w = parseInput(input, body ?? {});
  const desk = deskPresence(ctx);
  const callers = waitingCallers(ctx);
  const [caller, me] = await Promise.all([callers.get(w.callSid), desk.get(p.userId)]);
  if (!caller) {
    // The caller's record may be gone (it expired after a hang-up); the operator's own presence still knows the call.
    if (await ctx.repos.desk.findWrapUp(w.callSid)) throw new AppError('already_wrapped_up', 'this call was already wrapped up', 409);
    if (me?.peerCallSid !== w.callSid) throw new AppError('not_found', 'no call with this CallSid is at the desk', 404);
  } else if (caller.status !== 'connected' || caller.operatorUserId !== p.userId) {
    throw new AppError('not_your_call', 'this call is not connected to you: only the operator who took it can wrap it up', 403);
  }
  const now = ctx.clock.now();
  const queueTimeSeconds =
    caller?.connectedAt && caller.enqueuedAt
      ? Math.max(0, Math.round((Date.parse(caller.connectedAt) - Date.parse(caller.enqueuedAt)) / 1000))
      : null;
  const saved = await ctx.repos.transaction(async (trx) => {
    const task = w.followUp
      ? await trx.tasks.create({
          kind: 'operator_callback',
          priority: 2,
          restricted: RESTRICTED_OUTCOMES.includes(w.outcome),
          detaineeId: caller?.verifiedDetaineeId ?? null,
          callSid: w.callSid,
          callbackPhone: caller?.phone ?? null,
          callbackWindow: w.followUp.window,
          language: LANGUAGES.includes(caller?.language as Language) ? (caller!.language as Language) : null,
          summary: w.followUp.summary || `follow-up: ${w.outcome.replace(/_/g, ' ')}`,
        })
      : undefined;
    const row = await trx.desk.createWrapUp({
      operatorUserId: p.userId,
      operatorUsername: p.username,
      callSid: w.callSid,
      outcome: w.outcome,
      note: w.note || null,
      queueTimeSeconds,
      followUpTaskId: task?.id ?? null,
    });
    if (!row) throw new AppError('already_wrapped_up', 'this call was already wrapped up', 409);
    return row;
  });
  const onThisCall = me && (me.state === 'wrap_up' || me.state === 'on_call') && (!me.peerCallSid || me.peerCallSid === w.callSid);
  if (onThisCall) await desk.transition(p.userId, me.state, 'available');
  await callers.remove(w.callSid);
  // The note stays out of the audit log (D-08): the audit says who closed which call, and how.
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'desk.wrap_up',
    subjectType: 'call',
    subjectId: w.callSid,
    detail: { outcome: w.outcome, followUpTaskId: saved.follow_up_task_id, at: now.toISOString() },
  });
  await onDeskChanged(ctx);
  return saved;
}
