import type { Language } from '../storage/schema.js';
import type { CallSession } from './call-session.js';
import type { VoiceParams } from './voice-params.js';

/** A menu turn's answer as it does not depend on the call: the same state and key give the same answer. */
export interface MenuReply {
  twiml: string;
  language: Language;
  /** The steps the turn took, for the trail (timestamps are added per call). */
  entries: Array<Omit<CallSession['path'][number], 'at'>>;
}

// Menus are few: every state a leaflet's keys can reach, in three languages, fits many times over.
const MAX_ENTRIES = 4096;
// Longer input is a caller typing a number into a menu; it is answered, but not worth remembering.
const MAX_KEYED = 2;

/**
 * Remembers the answers of menu turns whose state travels in the URL (menu-token.ts). Such a turn is a pure
 * function of the flow, the token and the key pressed, so a second caller pressing the same key in the same
 * menu gets the stored TwiML without the engine, the token's tag or the templates running again. A token is
 * only ever remembered after it was checked, so a hit needs no check. Holds nothing about any one call.
 */
export function createMenuReplies(maxEntries = MAX_ENTRIES) {
  const entries = new Map<string, MenuReply>();
  const keyOf = (turn: number, token: string | undefined, p: VoiceParams): string | undefined => {
    if (p.RecordingSid) return undefined;
    const digits = p.Digits ?? '';
    if (digits.length > MAX_KEYED) return undefined;
    // JSON keeps the parts apart whatever they contain: no token and digits can pose as another pair.
    return JSON.stringify([turn, token ?? null, digits]);
  };
  return {
    get(turn: number, token: string | undefined, p: VoiceParams): MenuReply | undefined {
      const k = keyOf(turn, token, p);
      return k === undefined ? undefined : entries.get(k);
    },
    set(turn: number, token: string | undefined, p: VoiceParams, reply: MenuReply): void {
      const k = keyOf(turn, token, p);
      if (k === undefined) return;
      if (!entries.has(k) && entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(k, reply);
    },
    get size() {
      return entries.size;
    },
  };
}

export type MenuReplies = ReturnType<typeof createMenuReplies>;
