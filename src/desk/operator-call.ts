import type { AppContext } from '../app-context.js';
import { LANGUAGES, type Language } from '../storage/schema.js';
import type { VoiceParams } from '../telephony/webhook-params.js';
import { EMPTY_TWIML, HANGUP_TWIML } from '../telephony/twilio/render-twiml.js';
import { renderDialQueue, renderOperatorWhisper, renderSayHangup } from '../telephony/twilio/render-desk-twiml.js';
import { isFinalCallStatus } from '../shared/final-call-statuses.js';
import { deskPresence, HOTLINE_QUEUE, waitingCallers } from './desk.js';
import { deskUrls } from './desk-urls.js';
import { kickDesk, type DeskContext } from './dispatch.js';
import { deskWords, whisperText } from './whisper-words.js';
import { endWrapUpOnTime } from './end-wrap-ups.js';

type Ctx = DeskContext & Pick<AppContext, 'repos'>;

/** The operator hears the desk in their console language; one without a voice of its own hears Ukrainian. */
async function languageOf(ctx: Ctx, userId: number): Promise<Language> {
  const lang = (await ctx.repos.users.findById(userId))?.language;
  return (LANGUAGES as readonly string[]).includes(lang ?? '') ? (lang as Language) : 'uk';
}

/** The operator this desk call is for, while it still rings for them (a late or foreign leg gets nothing). */
async function ringingFor(ctx: Ctx, userId: number, callSid: string) {
  const me = await deskPresence(ctx).get(userId);
  return me?.state === 'ringing' && (!me.callSid || me.callSid === callSid) ? me : undefined;
}

const firstWaiting = async (ctx: Ctx) => (await waitingCallers(ctx).list()).find((c) => c.status === 'waiting');

/** Nobody waits any more (the caller hung up): the operator is available again, and the desk looks again. */
async function callerGone(ctx: Ctx, userId: number, lang: Language): Promise<string> {
  await deskPresence(ctx).transition(userId, 'ringing', 'available');
  kickDesk(ctx);
  return renderSayHangup(deskWords(lang).callerGone, lang);
}

/** The operator answered: the whisper says who waits and how long (O-05), then "press 1". */
export async function operatorAnswered(ctx: Ctx, userId: number, p: VoiceParams): Promise<string> {
  const lang = await languageOf(ctx, userId);
  if (!(await ringingFor(ctx, userId, p.CallSid))) return renderSayHangup(deskWords(lang).notNeeded, lang);
  const caller = await firstWaiting(ctx);
  if (!caller) return callerGone(ctx, userId, lang);
  const waitedSeconds = (ctx.clock.now().getTime() - Date.parse(caller.enqueuedAt)) / 1000;
  const text = whisperText(lang, { language: caller.language, waitedSeconds, flags: caller.flags });
  return renderOperatorWhisper(text, lang, deskUrls(ctx.config.http.publicBaseUrl, userId).take);
}

/**
 * 1 takes the caller waiting longest (`<Dial><Queue>`); no key, or another, sets the operator unavailable with a
 * console notice and rings the next operator, while the caller keeps their place in the queue.
 */
export async function operatorTake(ctx: Ctx, userId: number, p: VoiceParams): Promise<string> {
  const lang = await languageOf(ctx, userId);
  if (!(await ringingFor(ctx, userId, p.CallSid))) return renderSayHangup(deskWords(lang).notNeeded, lang);
  if (p.Digits !== '1') {
    await deskPresence(ctx).transition(userId, 'ringing', 'unavailable', { notice: 'no_answer' });
    kickDesk(ctx);
    return renderSayHangup(deskWords(lang).setUnavailable, lang);
  }
  if (!(await firstWaiting(ctx))) return callerGone(ctx, userId, lang);
  return renderDialQueue(HOTLINE_QUEUE, deskUrls(ctx.config.http.publicBaseUrl, userId));
}

/** The Queue url, fetched for the caller (CallSid) just before the bridge to the operator (DequeingCallSid). */
export async function operatorBridged(ctx: Ctx, userId: number, p: VoiceParams): Promise<string> {
  const me = await deskPresence(ctx).get(userId);
  await waitingCallers(ctx).connect(p.CallSid, userId, ctx.clock.now());
  await deskPresence(ctx).transition(userId, 'ringing', 'on_call', {
    callSid: p.DequeingCallSid ?? me?.callSid,
    peerCallSid: p.CallSid,
  });
  return EMPTY_TWIML;
}

/** The call is over for the operator: wrap-up (DESK_WRAP_UP_SECONDS), with the caller kept for the form. */
async function endCall(ctx: Ctx, userId: number): Promise<void> {
  const desk = deskPresence(ctx);
  const me = await desk.get(userId);
  if (
    me?.state === 'on_call' &&
    (await desk.transition(userId, 'on_call', 'wrap_up', { callSid: me.callSid, peerCallSid: me.peerCallSid }))
  )
    endWrapUpOnTime(ctx);
}

/** The Dial's action: the bridged call ended, or the queue was empty when it was dialled. */
export async function operatorDialEnded(ctx: Ctx, userId: number, p: VoiceParams): Promise<string> {
  await endCall(ctx, userId);
  if (await ringingFor(ctx, userId, p.CallSid)) {
    await deskPresence(ctx).transition(userId, 'ringing', 'available');
    kickDesk(ctx);
  }
  return HANGUP_TWIML;
}

/**
 * The operator leg's final status. Still ringing means the operator did not answer (no-answer, busy, failed) or
 * hung up during the whisper: unavailable with a notice, and the next operator is rung.
 */
export async function operatorCallStatus(ctx: Ctx, userId: number, p: VoiceParams & { CallStatus: string }): Promise<void> {
  if (!isFinalCallStatus(p.CallStatus)) return;
  if (await ringingFor(ctx, userId, p.CallSid)) {
    await deskPresence(ctx).transition(userId, 'ringing', 'unavailable', { notice: 'no_answer' });
    ctx.logger.info({ userId, status: p.CallStatus }, 'desk:operator did not take the call');
  } else if ((await deskPresence(ctx).get(userId))?.callSid === p.CallSid) await endCall(ctx, userId);
  kickDesk(ctx);
}
