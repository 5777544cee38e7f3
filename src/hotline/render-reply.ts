import type { Action } from '../flow-engine/types.js';
import { createTwimlTemplates, TURN_SLOT, type TwimlTemplates } from '../telephony/twilio/twiml-templates.js';
import { voiceUrls } from './voice-urls.js';

// One set of templates per PUBLIC_BASE_URL: one in production, one per harness in tests.
const byBase = new Map<string, TwimlTemplates>();

/** The templates for this base URL; hotline.ts warms them for every step and language when the flow loads. */
export function twimlTemplates(base: string): TwimlTemplates {
  let t = byBase.get(base);
  if (!t) {
    if (byBase.size >= 64) byBase.clear();
    byBase.set(base, (t = createTwimlTemplates(voiceUrls(base, TURN_SLOT))));
  }
  return t;
}

/**
 * A reply as TwiML from precompiled fragments, with the turn in every action URL: its number, followed by
 * `/token` while the call's state travels in the URL (menu-token.ts).
 */
export function renderReply(actions: Action[], base: string, turn: number | string): string {
  return twimlTemplates(base).render(actions, turn);
}
