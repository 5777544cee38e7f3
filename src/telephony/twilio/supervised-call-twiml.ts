import twilio from 'twilio';
import type { Language } from '../../storage/schema.js';
import { VOICES } from './voices.js';
import { HANGUP_TWIML } from './render-twiml.js';

const { VoiceResponse } = twilio.twiml;
type Lang = Language;

// The shared voice table: one fixed voice per language, Ukrainian on Google (pitfall 22).
const voiceOf = (lang: Lang) => ({ voice: VOICES[lang].voice as never, language: VOICES[lang].language as never });

function say(r: { say: InstanceType<typeof VoiceResponse>['say'] }, lang: Lang, text: string) {
  r.say(voiceOf(lang), text);
}

/**
 * A prompt that ends in "press 1". The action is always set and fires on empty input too (pitfall 23);
 * `finishOnKey` is empty so every key counts as an answer (pitfall 24).
 */
export function promptForOneTwiml(lang: Lang, sentences: string[], question: string, action: string): string {
  const r = new VoiceResponse();
  for (const s of sentences) say(r, lang, s);
  const g = r.gather({ input: ['dtmf'], numDigits: 1, timeout: 8, finishOnKey: '', action, method: 'POST', actionOnEmptyResult: true });
  g.say(voiceOf(lang), question);
  return r.toString();
}

/**
 * Puts a party into the conference named after the call. Parties never start it: only the muted monitor does
 * (startConferenceOnEnter), so they are never connected without a monitor (S-02, pitfall 30). Silence while
 * waiting (waitUrl empty); a party leaving ends it for all. Recording, when configured, starts with the
 * conference, which is after both announcements.
 */
export function joinConferenceTwiml(lang: Lang, text: string, conference: string, opts: { statusCallback?: string; record: boolean; timeLimitSeconds: number }): string {
  const r = new VoiceResponse();
  say(r, lang, text);
  const d = r.dial({ timeLimit: opts.timeLimitSeconds });
  d.conference(
    {
      startConferenceOnEnter: false,
      endConferenceOnExit: true,
      beep: 'false',
      waitUrl: '',
      maxParticipants: 4,
      record: opts.record ? 'record-from-start' : 'do-not-record',
      ...(opts.statusCallback ? { statusCallback: opts.statusCallback, statusCallbackMethod: 'POST', statusCallbackEvent: ['start', 'end', 'join', 'leave'] } : {}),
    },
    conference,
  );
  return r.toString();
}

/** Silence while answering-machine detection runs: a machine must hear nothing (O-02). */
export function silentWaitTwiml(seconds: number, then: string): string {
  const r = new VoiceResponse();
  r.pause({ length: seconds });
  r.redirect({ method: 'POST' }, then);
  return r.toString();
}

export function sayAndHangupTwiml(lang: Lang, text: string): string {
  const r = new VoiceResponse();
  say(r, lang, text);
  r.hangup();
  return r.toString();
}

/** AnnounceUrl documents may hold Say/Play/Pause/Redirect only (twilio-notes 3.3). */
export function announceTwiml(lang: Lang, text: string): string {
  const r = new VoiceResponse();
  say(r, lang, text);
  return r.toString();
}

export function hangupTwiml(): string {
  return HANGUP_TWIML;
}

/** Static fallback (pitfall 10): a short apology in Russian and Ukrainian, then hang up. */
export function fallbackTwiml(): string {
  const r = new VoiceResponse();
  say(r, 'ru', 'Извините, произошла техническая ошибка. Мы перезвоним позже.');
  say(r, 'uk', 'Вибачте, сталася технічна помилка. Ми зателефонуємо пізніше.');
  r.hangup();
  return r.toString();
}
