import type { Language } from '../storage/schema.js';
import type { TwimlUrls } from '../telephony/twilio/render-twiml.js';

/**
 * Every URL kinline gives Twilio, built from PUBLIC_BASE_URL (never from Host, pitfall 34). Only a turn
 * (with a menu's public state, menu-token.ts) or a language goes in a path: no phone numbers, secrets or
 * query strings (pitfalls 4, 35).
 */
export function voiceUrls(base: string, turn: number | string): TwimlUrls {
  return {
    action: `${base}/voice/step/${turn}`,
    recordingStatusCallback: `${base}/voice/recording`,
    waitUrl: (lang: Language) => `${base}/voice/queue-wait/${lang}`,
  };
}
