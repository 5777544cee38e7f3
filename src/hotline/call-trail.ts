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
// KEYS trail; ARGV field, note, ttl[, start, stir]: one command per note, whatever it holds.
const NOTE = `redis.call('hsetnx', KEYS[1], ARGV[1], ARGV[2])
if ARGV[4] then redis.call('hsetnx', KEYS[1], 'start', ARGV[4]) end
if ARGV[5] then redis.call('hsetnx', KEYS[1], 'stir', ARGV[5]) end
redis.call('expire', KEYS[1], ARGV[3]) return 1`;

interface TrailScripts {
  klTrailNote(key: string, field: string, note: string, ttl: number, ...start: string[]): Promise<number>;
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
  redis.defineCommand('klTrailNote', { numberOfKeys: 1, lua: NOTE });
  const scripts = redis as unknown as TrailScripts;
  const key = (callSid: string) => `${prefix}:voice:trail:${callSid}`;
  let pending: Array<{ callSid: string; turn: number; language: Language; entries: PathEntry[]; start?: { at: string; stirVerstat?: string | null } }> = [];
  let timer: NodeJS.Timeout | undefined;
  let lastWrite: Promise<void> = Promise.resolve();

  async function write(batch: typeof pending): Promise<void> {
    try {
      const p = redis.pipeline() as unknown as TrailScripts & { exec(): Promise<Array<[Error | null, unknown]> | null> };
      for (const n of batch) {
        const start = n.start ? [n.start.at, ...(n.start.stirVerstat ? [n.start.stirVerstat] : [])] : [];
        p.klTrailNote(key(n.callSid), `t${n.turn}`, JSON.stringify({ l: n.language, p: n.entries }), TRAIL_TTL_SECONDS, ...start);
      }
      const results = (await p.exec()) ?? [];
      const failed = results.filter(([err]) => err).length;
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
    async read(callSid: string): Promise<Trail | undefined> {
      // Only this call's notes need to be out first; flushing for every reader would break up the batches.
      if (pending.some((n) => n.callSid === callSid)) await flush();
      const h = await redis.hgetall(key(callSid));
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
    /** After the final status: kept only as long as the scrubbed session, for repeated callbacks. */
    async keep(callSid: string, seconds: number): Promise<void> {
      await redis.expire(key(callSid), seconds);
    },
  };
}

export type CallTrail = ReturnType<typeof createCallTrail>;

/** The session as the call log should see it: the trail's steps first, then the session's own. */
export function withTrail(s: CallSession, trail: Trail | undefined): CallSession {
  if (!trail) return s;
  return { ...s, path: [...trail.path, ...s.path], startedAt: trail.startedAt ?? s.startedAt, stirVerstat: trail.stirVerstat ?? s.stirVerstat ?? null };
}
