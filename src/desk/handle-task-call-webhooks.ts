import type { AppContext } from '../app-context.js';
import type { Language, TaskCall } from '../storage/schema.js';
import { HANGUP_TWIML, renderTwiml } from '../telephony/twilio/render-twiml.js';
import type { Action } from '../flow-engine/types.js';
import { isFinalCallStatus } from '../shared/final-call-statuses.js';
import { CALL_STATUS_EVENTS } from '../telephony/port.js';
import { requireTelephony } from '../telephony/require-telephony.js';
import { familyOf } from '../records/callback-tasks.js';
import { deskPresence } from './desk.js';
import { RING_SECONDS, TIME_LIMIT_SECONDS, roomOf, taskCallUrls } from './task-call-urls.js';
import { outcomeOfFamilyStatus } from './task-call-outcomes.js';
import { recordUnreached } from './record-unreached.js';
import { taskReasonText } from './task-reason-text.js';

// What the operator hears, in their console language: never a name or a number (the screen shows the task).
const WORDS: Record<'en' | 'uk', Record<'whisper' | 'dialling' | 'notDialled' | 'unreached' | 'failed', string>> = {
  en: {
    whisper: 'Callback to a family. Press 1 to dial.',
    dialling: 'Dialling the family.',
    notDialled: 'No call was made.',
    unreached: 'The family did not answer. The task is rescheduled.',
    failed: 'The family could not be dialled. Try again later.',
  },
  uk: {
    whisper: 'Дзвінок родині. Натисніть 1, щоб набрати.',
    dialling: 'Набираю родину.',
    notDialled: 'Дзвінок не зроблено.',
    unreached: 'Родина не відповіла. Завдання перенесено.',
    failed: 'Не вдалося набрати родину. Спробуйте пізніше.',
  },
};
const langOf = (c: TaskCall): 'en' | 'uk' => (c.language === 'uk' ? 'uk' : 'en');
const say = (c: TaskCall, key: keyof (typeof WORDS)['en']): Action => ({
  kind: 'say',
  text: WORDS[langOf(c)][key],
  lang: langOf(c) as Language,
});
const sayThenHangUp = (c: TaskCall, key: keyof (typeof WORDS)['en']) => renderTwiml([say(c, key), { kind: 'hangup' }], {});

/** The operator's leg joins the attempt's conference; the family's leg, added by REST, starts it (TW-30). */
const joinRoom = (c: TaskCall) =>
  renderTwiml(
    [say(c, 'dialling'), { kind: 'conference', room: roomOf(c), record: false, timeLimitSeconds: TIME_LIMIT_SECONDS, events: false }],
    {},
  );

/** The operator answered: a short whisper, then press 1 to dial the family. */
export async function operatorAnswered(ctx: AppContext, callId: number): Promise<string> {
  const c = await ctx.repos.taskCalls.findById(callId);
  if (!c || c.stage !== 'ringing_operator') return HANGUP_TWIML;
  // O-07: a call to tell the family why their call was denied or cancelled gives the operator that reason first.
  const reason = taskReasonText((await ctx.repos.tasks.findById(c.task_id))?.reason_code ?? null, langOf(c));
  const children: Action[] = reason ? [{ kind: 'say', text: reason, lang: langOf(c) }, say(c, 'whisper')] : [say(c, 'whisper')];
  return renderTwiml([{ kind: 'gather', numDigits: 1, finishOnKey: '', timeout: 10, children }], {
    action: taskCallUrls(ctx, callId).press,
  });
}

/**
 * The operator pressed a key (or none). 1 dials the family into the conference with the hotline number as
 * caller ID; a retried webhook (TW-12) gets the same document and dials nobody twice.
 */
export async function operatorPressed(ctx: AppContext, callId: number, p: { digits?: string; callSid: string }): Promise<string> {
  const c = await ctx.repos.taskCalls.findById(callId);
  if (!c) return HANGUP_TWIML;
  if (c.stage === 'dialling_family' || c.stage === 'connected') return joinRoom(c);
  if (c.stage !== 'ringing_operator') return HANGUP_TWIML;
  const desk = deskPresence(ctx);
  if (p.digits !== '1') {
    const ended = await ctx.repos.taskCalls.advance(c.id, ['ringing_operator'], {
      stage: 'ended',
      outcome: 'not_dialled',
      ended_at: ctx.clock.now(),
    });
    if (ended) {
      await ctx.repos.taskCalls.unlockTask(c.task_id);
      await desk.transition(c.operator_user_id, 'ringing', 'available');
    }
    return sayThenHangUp(c, 'notDialled');
  }
  const moved = await ctx.repos.taskCalls.advance(c.id, ['ringing_operator'], {
    stage: 'dialling_family',
    operator_call_sid: p.callSid,
    answered_at: ctx.clock.now(),
  });
  if (!moved) return joinRoom(c);
  const task = (await ctx.repos.tasks.findById(c.task_id))!;
  const family = await familyOf(ctx, task);
  const urls = taskCallUrls(ctx, c.id);
  await ctx.repos.taskCalls.countDial(task.id);
  try {
    const { callSid } = await requireTelephony(ctx).createParticipant(roomOf(c), {
      from: ctx.config.twilio.hotlineNumber,
      to: family.phone!,
      label: 'family',
      beep: 'false',
      startConferenceOnEnter: true,
      endConferenceOnExit: true,
      statusCallback: urls.status('family'),
      statusCallbackEvent: [...CALL_STATUS_EVENTS],
      timeout: RING_SECONDS,
      timeLimit: TIME_LIMIT_SECONDS,
    });
    await ctx.repos.taskCalls.update(c.id, { family_call_sid: callSid });
    await desk.transition(c.operator_user_id, 'ringing', 'on_call', { callSid: p.callSid, peerCallSid: callSid });
  } catch (err) {
    ctx.logger.warn({ taskId: task.id, error: (err as Error).name }, 'callback:the carrier did not dial the family');
    await recordUnreached(ctx, moved, 'no_answer');
    await desk.transition(c.operator_user_id, 'ringing', 'available');
    return sayThenHangUp(c, 'failed');
  }
  return joinRoom(moved);
}

/** Said to the operator when the family did not answer; their leg was redirected here. */
export async function operatorToldUnreached(ctx: AppContext, callId: number): Promise<string> {
  const c = await ctx.repos.taskCalls.findById(callId);
  return c ? sayThenHangUp(c, 'unreached') : HANGUP_TWIML;
}

/** The operator's leg moved on (TW-13: late or repeated statuses change nothing once the attempt moved on). */
export async function operatorLegStatus(ctx: AppContext, callId: number, status: string): Promise<void> {
  if (!isFinalCallStatus(status)) return;
  const c = await ctx.repos.taskCalls.findById(callId);
  if (!c) return;
  const desk = deskPresence(ctx);
  const missed = await ctx.repos.taskCalls.advance(c.id, ['ringing_operator'], {
    stage: 'ended',
    outcome: 'not_dialled',
    ended_at: ctx.clock.now(),
  });
  if (missed) {
    await ctx.repos.taskCalls.unlockTask(c.task_id);
    // An operator who did not answer is not rung again until they say they are available (as at the desk).
    if (status === 'completed') await desk.transition(c.operator_user_id, 'ringing', 'available');
    else await desk.transition(c.operator_user_id, 'ringing', 'unavailable', { notice: 'no_answer' });
    return;
  }
  // Hung up while the family's phone still rang: stop it; the attempt ends without an outcome of the family's.
  const early = await ctx.repos.taskCalls.advance(c.id, ['dialling_family'], {
    stage: 'ended',
    outcome: 'not_dialled',
    ended_at: ctx.clock.now(),
  });
  if (early) {
    await ctx.repos.taskCalls.unlockTask(c.task_id);
    if (early.family_call_sid)
      await requireTelephony(ctx)
        .updateCall(early.family_call_sid, { status: 'canceled' })
        .catch(() => {});
  }
  const now = (await ctx.repos.taskCalls.findById(c.id))!;
  // After a conversation the operator wraps up (the outcome form); after no answer there is nothing to wrap up.
  const next = now.stage === 'ended' ? 'available' : 'wrap_up';
  await desk.transition(c.operator_user_id, 'on_call', next, next === 'wrap_up' ? { peerCallSid: now.family_call_sid ?? undefined } : {});
}

/** The family's leg: answered, or not (no answer and busy are its outcome; the task is rescheduled). */
export async function familyLegStatus(ctx: AppContext, callId: number, status: string): Promise<void> {
  const c = await ctx.repos.taskCalls.findById(callId);
  if (!c) return;
  if (status === 'in-progress') {
    await ctx.repos.taskCalls.advance(c.id, ['dialling_family'], { stage: 'connected' });
    return;
  }
  if (!isFinalCallStatus(status)) return;
  const unreached = outcomeOfFamilyStatus(status);
  if (!unreached) {
    // The conversation is over; the operator records its outcome in the wrap-up.
    await ctx.repos.taskCalls.advance(c.id, ['dialling_family', 'connected'], { stage: 'wrap_up' });
    return;
  }
  const ended = await ctx.repos.taskCalls.advance(c.id, ['dialling_family'], {
    stage: 'ended',
    outcome: unreached,
    ended_at: ctx.clock.now(),
  });
  if (!ended) return;
  await recordUnreached(ctx, ended, unreached);
  if (ended.operator_call_sid)
    await requireTelephony(ctx)
      .updateCall(ended.operator_call_sid, { url: taskCallUrls(ctx, c.id).unreached })
      .catch(() => undefined);
}
