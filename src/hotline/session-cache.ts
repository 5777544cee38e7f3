import type { CallSession } from './call-session.js';

/**
 * This instance's copy of the sessions it served last, so a menu step can be answered with one Redis round
 * trip (a compare-and-set on the turn) instead of a locked read and a write. Redis stays the truth: a stale
 * or missing entry only costs the slow path. Bounded in count and age, and an entry is dropped when its call
 * ends, so what a caller keyed in is not kept longer than Redis keeps it (C-13).
 */
export function createSessionCache(maxEntries = 10_000, maxAgeMs = 10 * 60_000, now = () => Date.now()) {
  const entries = new Map<string, { session: CallSession; at: number }>();
  return {
    get(callSid: string): CallSession | undefined {
      const e = entries.get(callSid);
      if (!e) return undefined;
      if (now() - e.at > maxAgeMs) {
        entries.delete(callSid);
        return undefined;
      }
      return e.session;
    },
    set(callSid: string, session: CallSession): void {
      entries.delete(callSid); // re-inserted last: Map order is the eviction order
      if (session.ended) return;
      if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      // The stored answer stays in Redis only: a retry takes the locked path, which reads it there.
      const { last: _last, ...state } = session;
      entries.set(callSid, { session: state, at: now() });
    },
    delete(callSid: string): void {
      entries.delete(callSid);
    },
    get size() {
      return entries.size;
    },
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;
