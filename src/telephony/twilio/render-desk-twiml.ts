import twilio from 'twilio';
import type { Language } from '../../storage/schema.js';
import { VOICES } from './voices.js';

const { VoiceResponse } = twilio.twiml;
type Node = InstanceType<typeof VoiceResponse> | ReturnType<InstanceType<typeof VoiceResponse>['gather']>;

const say = (node: Node, text: string, lang: Language) =>
  node.say({ voice: VOICES[lang].voice as never, language: VOICES[lang].language as never }, text);

export const HOLD_MUSIC_URL = 'https://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3';

/**
 * The Enqueue wait document: the caller's position and estimated wait, then hold audio; Twilio fetches it
 * again when it ends. With `offer`, the offer and the music play inside a Gather, so the caller may press 1 at
 * any moment of the music (the only menu a waiting caller has, twilio-notes TW-32).
 */
export function renderQueueWait(texts: readonly string[], lang: Language, offer?: { text: string; action: string }): string {
  const r = new VoiceResponse();
  for (const t of texts) say(r, t, lang);
  if (offer) {
    const g = r.gather({
      input: ['dtmf'],
      numDigits: 1,
      action: offer.action,
      method: 'POST',
      timeout: 5,
      language: VOICES[lang].language as never,
    });
    say(g, offer.text, lang);
    g.play({}, HOLD_MUSIC_URL);
  } else r.play({}, HOLD_MUSIC_URL);
  return r.toString();
}

/** The caller leaves the queue; the Enqueue's action continues the call (QueueResult leave). */
export const LEAVE_TWIML: string = (() => {
  const r = new VoiceResponse();
  r.leave();
  return r.toString();
})();

/** Hold audio alone: the rest of a wait document after a key that asked for nothing. */
export const HOLD_TWIML: string = (() => {
  const r = new VoiceResponse();
  r.play({}, HOLD_MUSIC_URL);
  return r.toString();
})();

/** The operator's whisper: who waits, then "press 1"; no key posts to the same action without Digits. */
export function renderOperatorWhisper(text: string, lang: Language, action: string): string {
  const r = new VoiceResponse();
  const g = r.gather({ input: ['dtmf'], numDigits: 1, action, method: 'POST', timeout: 8, language: VOICES[lang].language as never });
  say(g, text, lang);
  r.redirect({ method: 'POST' }, action);
  return r.toString();
}

/**
 * The operator takes the caller waiting longest: `<Dial><Queue>`. The Queue url is fetched for the caller just
 * before the bridge (DequeingCallSid names the operator's leg); the Dial's action when the call is over.
 */
export function renderDialQueue(queue: string, urls: { bridged: string; dialEnd: string }): string {
  const r = new VoiceResponse();
  r.dial({ action: urls.dialEnd, method: 'POST' }).queue({ url: urls.bridged, method: 'POST' }, queue);
  return r.toString();
}

/** A few words, then Hangup. */
export function renderSayHangup(text: string, lang: Language): string {
  const r = new VoiceResponse();
  say(r, text, lang);
  r.hangup();
  return r.toString();
}
