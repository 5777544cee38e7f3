import type { Redis } from 'ioredis';
import type { Logger } from '../shared/logger.js';
import type { CallSession } from './call-session.js';
import type { Language } from '../storage/schema.js';

type PathEntry = CallSession['path'][number];

/** What the call did before it had a session in Redis, for the call log. */
export interface Trail {
  path: PathEntry[];
  /** The language of the latest noted turn. */
  language?: Language;
  startedAt?: string;
  stirVerstat?: string;
}

const noop = () => {};

// Outlasts the longest call Twilio allows (4 hours by default), so the final status still finds it.
const TRAIL_TTL_SECONDS = 4 * 60 * 60;
// How long a note may wait for others to share its write. A caller needs seconds to hear a menu and press a
// key, so no later step of the call can look for it sooner; this process's own readers flush first anyway.
const FLUSH_MS = 5;
// A script blocks Redis while it runs: a burst of notes goes in several commands rather than one long one.
const NOTES_PER_COMMAND = 100;
// KEYS the trail of each note; ARGV ttl, then per note: field, note, start ('' none), stir ('' none) -> the
// number of notes Redis refused. One command for every note of a flush, because each command costs more CPU
// than the few writes it holds; pcall, so a note Redis refuses (a key of another type) loses only itself.
// A trail the final status closed (field `end`, see END_CALL) takes no more notes: a menu webhook that
// comes after the call neither adds steps to its log nor gives the trail back its hours.
const NOTES = `local ttl, failed = ARGV[1], 0
for i = 1, #KEYS do
  local a = 2 + (i - 1) * 4
  local ok = 'closed'
  if redis.pcall('hexists', KEYS[i], 'end') ~= 1 then ok = redis.pcall('hsetnx', KEYS[i], ARGV[a], ARGV[a + 1]) end
  if type(ok) == 'table' and ok.err then failed = failed + 1 elseif ok ~= 'closed' then
    if ARGV[a + 2] ~= '' then redis.pcall('hsetnx', KEYS[i], 'start', ARGV[a + 2]) end
    if ARGV[a + 3] ~= '' then redis.pcall('hsetnx', KEYS[i], 'stir', ARGV[a + 3]) end
    redis.pcall('expire', KEYS[i], ttl)
  end
end
return failed`;

interface TrailScripts {
  klTrailNotes(numKeys: number, ...keysThenArgs: Array<string | number>): Promise<number>;
}

/** The Redis key of a call's trail. */
export const trailKey = (prefix: string, callSid: string) => `${prefix}:voice:trail:${callSid}`;

/** A trail as read from its hash (HGETALL); undefined when it holds nothing. */
export function parseTrail(h: Record<string, string>): Trail | undefined {
  const turns = Object.keys(h)
    .filter((f) => /^t\d+$/.test(f))
    .map((f) => Number(f.slice(1)))
    .sort((a, b) => a - b);
  if (turns.length === 0 && !h.start) return undefined;
  const path: PathEntry[] = [];
  let language: Language | undefined;
  for (const t of turns) {
    try {
      const note = JSON.parse(h[`t${t}`]) as { l: Language; p: PathEntry[] };
      path.push(...note.p);
      language = note.l;
    } catch {
      // A damaged field loses its own steps, not the log.
    }
  }
  return { path, language, startedAt: h.start, stirVerstat: h.stir };
}

/**
 * The steps of a call while its state travels in the action URL (menu-token.ts), kept in Redis so the call
 * log still shows where a caller who hung up in a menu was. One hash per call, one field per turn, written
 * with HSETNX: a retried webhook or a note that arrives late changes nothing, and the order of the turns
 * is in the field names, not in the order the writes land.
 *
 * Written behind: the notes of FLUSH_MS go to Redis together in one pipeline, so a menu step costs neither a
 * round trip of its own nor any waiting. What is lost if Redis is down at that moment, or if the process
 * dies within those milliseconds, is a line of the call log, never the call: the next step carries its state.
 */
export function createCallTrail(redis: Redis, prefix: string, logger: Logger, flushMs = FLUSH_MS) {
  redis.defineCommand('klTrailNotes', { lua: NOTES });
  const scripts = redis as unknown as TrailScripts;
  const key = (callSid: string) => trailKey(prefix, callSid);
  let pending: Array<{ callSid: string; turn: number; language: Language; entries: PathEntry[]; start?: { at: string; stirVerstat?: string | null } }> = [];
  let timer: NodeJS.Timeout | undefined;
  let lastWrite: Promise<void> = Promise.resolve();

  const send = (notes: typeof pending) => {
    const keys: string[] = [];
    const args: Array<string | number> = [TRAIL_TTL_SECONDS];
    for (const n of notes) {
      keys.push(key(n.callSid));
      args.push(`t${n.turn}`, JSON.stringify({ l: n.language, p: n.entries }), n.start?.at ?? '', n.start?.stirVerstat ?? '');
    }
    return scripts.klTrailNotes(keys.length, ...keys, ...args);
  };

  async function write(batch: typeof pending): Promise<void> {
    try {
      const sends = [];
      for (let i = 0; i < batch.length; i += NOTES_PER_COMMAND) sends.push(send(batch.slice(i, i + NOTES_PER_COMMAND)));
      const failed = (await Promise.all(sends)).reduce((a, b) => a + b, 0);
      if (failed) logger.warn({ failed, notes: batch.length }, 'voice:trail some notes were not stored; those calls log fewer steps');
    } catch (err) {
      logger.warn({ err, notes: batch.length }, 'voice:trail notes were not stored; those calls log fewer steps');
    }
  }

  /** Sends what is pending now; resolves when every write sent so far has been answered. */
  function flush(): Promise<void> {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length) {
      const w = write(batch);
      // write() never rejects (it logs), and this chain must not either: a rejected lastWrite would fail every
      // later reader and surface as an unhandled rejection from the timer.
      lastWrite = Promise.all([lastWrite, w]).then(noop, noop);
    }
    return lastWrite;
  }

  return {
    /** Records this turn's steps; `start` on the call's first webhook. Returns at once (see above). */
    note(callSid: string, turn: number, language: Language, entries: PathEntry[], start?: { at: string; stirVerstat?: string | null }): void {
      pending.push({ callSid, turn, language, entries, start });
      timer ??= setTimeout(flush, flushMs).unref();
    },
    /** Sends what this process has noted and not yet sent; readers call it so they see their own notes. */
    flush,
    /**
     * Resolves when this process's notes of the call are in Redis. Only this call's notes need to be out
     * first; flushing for every reader would break up the batches.
     */
    async sent(callSid: string): Promise<void> {
      if (pending.some((n) => n.callSid === callSid)) await flush();
    },
    async read(callSid: string): Promise<Trail | undefined> {
      await this.sent(callSid);
      return parseTrail(await redis.hgetall(key(callSid)));
    },
    /**
     * read(), but a failure to read is logged and taken as no trail: the log then lacks the menu steps, while
     * the turn or status callback that asked still does its own work.
     */
    async readOrSkip(callSid: string): Promise<Trail | undefined> {
      try {
        return await this.read(callSid);
      } catch (err) {
        logger.warn({ err }, 'voice:trail could not be read; the call log lacks the menu steps');
        return undefined;
      }
    },
  };
}

export type CallTrail = ReturnType<typeof createCallTrail>;

/** The session as the call log should see it: the trail's steps first, then the session's own. */
export function withTrail(s: CallSession, trail: Trail | undefined): CallSession {
  if (!trail) return s;
  return { ...s, path: [...trail.path, ...s.path], startedAt: trail.startedAt ?? s.startedAt, stirVerstat: trail.stirVerstat ?? s.stirVerstat ?? null };
}
