import twilio from 'twilio';
import type { Action } from '../../flow-engine/types.js';
import type { Language } from '../../storage/schema.js';
import { VOICES } from './voices.js';

const { VoiceResponse } = twilio.twiml;
type Node = InstanceType<typeof VoiceResponse> | ReturnType<InstanceType<typeof VoiceResponse>['gather']>;

export interface TwimlUrls {
  /** Where Gather and Record post, and where a Redirect goes; a document that waits needs it. */
  action?: string;
  /** For a Record; a document that records needs it. */
  recordingStatusCallback?: string;
  /** The Enqueue wait document, per language; a document that enqueues needs it. */
  waitUrl?(lang: Language): string;
  /** The Enqueue's action: how the caller left the queue (QueueResult, QueueTime) continues the flow there. */
  queueResult?: string;
  /** Where the conference's events go, for a party that subscribes to them. */
  conferenceStatusCallback?: string;
  /** The URL of the media a one-off token stands for; a document that plays one needs it. */
  media?(token: string): string;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`render-twiml: the document needs ${what}`);
  return value;
}

/** Digits spoken one by one ("1, 2, 3") in any voice, Polly or Google (twilio-notes: voices). */
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
  const action = () => need(urls.action, 'an action URL');
  for (const a of actions) {
    switch (a.kind) {
      case 'gather': {
        const lang = a.children.find((c) => 'lang' in c)?.lang ?? 'ru';
        // Always an action (twilio-notes TW-23); no input falls through to the Redirect, which posts without Digits.
        const g = r.gather({
          input: ['dtmf'],
          ...(a.numDigits ? { numDigits: a.numDigits } : {}),
          action: action(),
          method: 'POST',
          timeout: a.timeout,
          finishOnKey: a.finishOnKey,
          language: VOICES[lang].language as never,
          ...(a.actionOnEmpty ? { actionOnEmptyResult: true } : {}),
        });
        for (const c of a.children) speak(g, c);
        if (!a.actionOnEmpty) r.redirect({ method: 'POST' }, action());
        break;
      }
      case 'record':
        r.record({
          action: action(),
          method: 'POST',
          maxLength: a.maxLength,
          finishOnKey: '#',
          playBeep: true,
          timeout: 5,
          recordingStatusCallback: need(urls.recordingStatusCallback, 'a recordingStatusCallback'),
          recordingStatusCallbackMethod: 'POST',
          recordingStatusCallbackEvent: ['completed'],
        });
        // Twilio skips the action when nothing was recorded; the Redirect then reports "no input".
        r.redirect({ method: 'POST' }, action());
        break;
      case 'enqueue':
        r.enqueue(
          {
            waitUrl: need(urls.waitUrl, 'a waitUrl')(a.lang),
            waitUrlMethod: 'POST',
            ...(a.reportsResult ? { action: need(urls.queueResult, 'a queueResult URL'), method: 'POST' } : {}),
          },
          a.queue,
        );
        break;
      case 'redirect':
        r.redirect({ method: 'POST' }, action());
        break;
      case 'conference':
        joinConference(r, a, urls);
        break;
      case 'hangup':
        r.hangup();
        break;
      case 'play':
        r.play(need(urls.media, 'a media URL')(a.token));
        break;
      default:
        speak(r, a);
    }
  }
  return r.toString();
}

/**
 * A party joins the conference named after the call. Parties never start it: only the muted monitor does
 * (startConferenceOnEnter), so they are never connected without a monitor (S-02, twilio-notes TW-30); any of
 * them leaving ends it for all. Silence while waiting (waitUrl empty). Every participant that subscribes carries
 * the same status callback, as Twilio sends the events of whichever participant starts it (TW-16); the label
 * names the monitor (TW-41). Recording, when on, starts with the conference, which is after both parties heard
 * that it is recorded. Dial's timeLimit is a backstop.
 */
function joinConference(r: InstanceType<typeof VoiceResponse>, a: Extract<Action, { kind: 'conference' }>, urls: TwimlUrls) {
  const d = r.dial({ timeLimit: a.timeLimitSeconds });
  d.conference(
    {
      ...(a.monitor ? { participantLabel: 'monitor' } : {}),
      muted: a.monitor === true,
      startConferenceOnEnter: a.monitor === true,
      endConferenceOnExit: true,
      beep: 'false',
      waitUrl: '',
      maxParticipants: 4,
      record: a.record ? 'record-from-start' : 'do-not-record',
      ...(a.events
        ? {
            statusCallback: need(urls.conferenceStatusCallback, 'a conferenceStatusCallback'),
            statusCallbackMethod: 'POST',
            statusCallbackEvent: ['start', 'end', 'join', 'leave'],
          }
        : {}),
    },
    a.room,
  );
}

export const HOLD_MUSIC_URL = 'https://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3';

const APOLOGY: Record<Language, string> = {
  ru: 'Извините, сейчас линия не может обработать ваш звонок. Пожалуйста, позвоните позже.',
  uk: 'Вибачте, зараз лінія не може обробити ваш дзвінок. Будь ласка, зателефонуйте пізніше.',
  en: 'Sorry, the line cannot take your call right now. Please call again later.',
};

/**
 * A short apology in Russian, Ukrainian and English, then Hangup. Built once at start-up, so the fallback
 * route and the voice error handler need neither Redis nor the database (twilio-notes TW-10, TW-18).
 */
export const APOLOGY_TWIML: string = (() => {
  const r = new VoiceResponse();
  for (const lang of ['ru', 'uk', 'en'] as const) say(r, APOLOGY[lang], lang);
  r.hangup();
  return r.toString();
})();

/** The answer to a callback: an empty document. */
export const EMPTY_TWIML: string = new VoiceResponse().toString();

/**
 * The supervised call's answer when a document cannot be built (its fallback URL and any error): the parties
 * are called back, so it says so, in Russian and Ukrainian, then Hangup. Static, like APOLOGY_TWIML.
 */
export const CALL_APOLOGY_TWIML: string = (() => {
  const r = new VoiceResponse();
  say(r, 'Извините, произошла техническая ошибка. Мы перезвоним позже.', 'ru');
  say(r, 'Вибачте, сталася технічна помилка. Ми зателефонуємо пізніше.', 'uk');
  r.hangup();
  return r.toString();
})();

/** Hangup alone: the answer to a webhook for a call that is already over (its final status has come). */
export const HANGUP_TWIML: string = (() => {
  const r = new VoiceResponse();
  r.hangup();
  return r.toString();
})();
