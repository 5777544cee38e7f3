import type { Action } from '../flow-engine/types.js';
import { renderTwiml } from '../telephony/twilio/render-twiml.js';
import { voiceUrls } from './voice-urls.js';

const TURN = '__TURN__';
const MAX_ENTRIES = 500;
const cache = new Map<string, string[]>();

/**
 * Renders a reply as TwiML with the SDK builder once per distinct reply, then reuses it with the turn number
 * filled in: a flow has few distinct replies, and building XML is a large share of a webhook's cost. A reply
 * that reads digits back is never cached, so no reference number stays in memory.
 */
export function renderReply(actions: Action[], base: string, turn: number): string {
  const cacheable = !actions.some((a) => a.kind === 'sayDigits' || (a.kind === 'gather' && a.children.some((c) => c.kind === 'sayDigits')));
  const key = cacheable ? `${base}\u0000${JSON.stringify(actions)}` : '';
  let parts = cacheable ? cache.get(key) : undefined;
  if (!parts) {
    parts = renderTwiml(actions, voiceUrls(base, TURN)).split(TURN);
    if (cacheable) {
      if (cache.size >= MAX_ENTRIES) cache.clear();
      cache.set(key, parts);
    }
  }
  return parts.join(String(turn));
}
