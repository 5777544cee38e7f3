import twilio from 'twilio';
import type { Action } from '../../flow-engine/types.js';
import type { Language } from '../../storage/schema.js';
import { VOICES } from './voices.js';

const { VoiceResponse } = twilio.twiml;
type Node = InstanceType<typeof VoiceResponse> | ReturnType<InstanceType<typeof VoiceResponse>['gather']>;

export interface TwimlUrls {
  /** Where Gather and Record post, and where the fall-through Redirect goes. */
  action: string;
  recordingStatusCallback: string;
  /** The Enqueue wait document, per language. */
  waitUrl(lang: Language): string;
}

/** Digits spoken one by one ("1, 2, 3") in any voice, Polly or Google (twilio-notes 1.1). */
export const spacedDigits = (digits: string) => digits.split('').join(', ');

function say(node: Node, text: string, lang: Language) {
  node.say({ voice: VOICES[lang].voice as never, language: VOICES[lang].language as never }, text);
}

function speak(node: Node, a: Action) {
  if (a.kind === 'say') say(node, a.text, a.lang);
  else if (a.kind === 'sayDigits') say(node, spacedDigits(a.digits), a.lang);
  else if (a.kind === 'pause') node.pause({ length: a.seconds });
}

/** Renders the engine's neutral actions as TwiML with the SDK's builder. */
export function renderTwiml(actions: readonly Action[], urls: TwimlUrls): string {
  const r = new VoiceResponse();
  for (const a of actions) {
    switch (a.kind) {
      case 'gather': {
        const lang = a.children.find((c) => 'lang' in c)?.lang ?? 'ru';
        // Always an action (pitfall 23); no input falls through to the Redirect, which posts without Digits.
        const g = r.gather({
          input: ['dtmf'],
          action: urls.action,
          method: 'POST',
          timeout: a.timeout,
          finishOnKey: a.finishOnKey,
          ...(a.numDigits ? { numDigits: a.numDigits } : {}),
          language: VOICES[lang].language as never,
        });
        for (const c of a.children) speak(g, c);
        r.redirect({ method: 'POST' }, urls.action);
        break;
      }
      case 'record':
        r.record({
          action: urls.action,
          method: 'POST',
          maxLength: a.maxLength,
          finishOnKey: '#',
          playBeep: true,
          timeout: 5,
          recordingStatusCallback: urls.recordingStatusCallback,
          recordingStatusCallbackMethod: 'POST',
          recordingStatusCallbackEvent: ['completed'],
        });
        // Twilio skips the action when nothing was recorded; the Redirect then reports "no input".
        r.redirect({ method: 'POST' }, urls.action);
        break;
      case 'enqueue':
        r.enqueue({ waitUrl: urls.waitUrl(a.lang), waitUrlMethod: 'POST' }, a.queue);
        break;
      case 'hangup':
        r.hangup();
        break;
      default:
        speak(r, a);
    }
  }
  return r.toString();
}

export const HOLD_MUSIC_URL = 'https://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3';

/** The Enqueue wait document: the caller's position, then hold audio; Twilio re-fetches it in a loop. */
export function renderQueueWait(text: string, lang: Language): string {
  const r = new VoiceResponse();
  say(r, text, lang);
  r.play({}, HOLD_MUSIC_URL);
  return r.toString();
}

const APOLOGY: Record<Language, string> = {
  ru: 'Извините, сейчас линия не может обработать ваш звонок. Пожалуйста, позвоните позже.',
  uk: 'Вибачте, зараз лінія не може обробити ваш дзвінок. Будь ласка, зателефонуйте пізніше.',
  en: 'Sorry, the line cannot take your call right now. Please call again later.',
};

/**
 * A short apology in Russian, Ukrainian and English, then Hangup. Built once at start-up, so the fallback
 * route and the voice error handler need neither Redis nor the database (pitfalls 10, 18).
 */
export const APOLOGY_TWIML: string = (() => {
  const r = new VoiceResponse();
  for (const lang of ['ru', 'uk', 'en'] as const) say(r, APOLOGY[lang], lang);
  r.hangup();
  return r.toString();
})();

/** The answer to a callback: an empty document. */
export const EMPTY_TWIML: string = new VoiceResponse().toString();

/** Hangup alone: the answer to a webhook for a call that is already over (its final status has come). */
export const HANGUP_TWIML: string = (() => {
  const r = new VoiceResponse();
  r.hangup();
  return r.toString();
})();
