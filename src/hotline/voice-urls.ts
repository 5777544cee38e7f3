import type { Language } from '../storage/schema.js';
import type { TwimlUrls } from '../telephony/twilio/render-twiml.js';

/**
 * Every URL kinline gives Twilio for a hotline call, built from PUBLIC_BASE_URL, never from the Host header
 * (twilio-notes TW-01). Only a turn number or a language goes in a path: no phone numbers, secrets or query
 * strings (A-04, twilio-notes TW-04).
 */
export function voiceUrls(base: string, turn: number): TwimlUrls {
  return {
    action: `${base}/voice/step/${turn}`,
    recordingStatusCallback: `${base}/voice/recording`,
    waitUrl: (lang: Language) => `${base}/voice/queue-wait/${lang}`,
    queueResult: `${base}/voice/queue/result/${turn}`,
    media: (token: string) => `${base}/media/message/${token}`,
  };
}
