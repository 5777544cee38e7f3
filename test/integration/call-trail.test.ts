import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { createRedis } from '../../src/redis/create-redis.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';
import { createLogger, type Logger } from '../../src/shared/logger.js';
import { createCallTrail, withTrail, type Trail } from '../../src/hotline/call-trail.js';
import type { CallSession } from '../../src/hotline/call-session.js';
import { newCallSid } from '../support/voice-harness.js';
import { createCallSessionStore } from '../../src/hotline/call-session-store.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `kltest:${randomBytes(4).toString('hex')}`;
const silent = createLogger('silent');
const HOUR = 60 * 60;
// A flush interval no test waits for: whatever a test sees before it, a flush made visible.
const NEVER = 10 * 60 * 1000;

let redisA: Redis;
let redisB: Redis;
const trailKey = (callSid: string) => `${prefix}:voice:trail:${callSid}`;

/** A logger that records what it was asked to log. */
function recordingLogger() {
  const calls: Array<{ level: string; args: unknown[] }> = [];
  const at = (level: string) => (...args: unknown[]) => void calls.push({ level, args });
  const logger = { warn: at('warn'), info: at('info'), error: at('error'), debug: at('debug'), trace: at('trace'), fatal: at('fatal'), child: () => logger } as unknown as Logger;
  return { logger, calls };
}

type NotesCommand = (numKeys: number, ...rest: unknown[]) => Promise<unknown>;

/**
 * Counts the trail-notes commands sent on a connection (call after createCallTrail, which defines the
 * command), and the notes (keys) each one carried. Also counts pipelines, which a flush must not need.
 */
function countNoteCommands(redis: Redis) {
  const target = redis as unknown as { klTrailNotes: NotesCommand };
  const original = target.klTrailNotes;
  const originalPipeline = redis.pipeline;
  const sizes: number[] = [];
  let pipelines = 0;
  target.klTrailNotes = function (this: unknown, numKeys, ...rest) {
    sizes.push(numKeys);
    return original.call(this, numKeys, ...rest);
  };
  redis.pipeline = function (this: Redis, ...args: Parameters<Redis['pipeline']>) {
    pipelines++;
    return originalPipeline.apply(this, args);
  } as Redis['pipeline'];
  return {
    sizes,
    get pipelines() {
      return pipelines;
    },
    restore: () => {
      target.klTrailNotes = original;
      redis.pipeline = originalPipeline;
    },
  };
}

before(async () => {
  redisA = createRedis(REDIS_URL, 'client');
  redisB = createRedis(REDIS_URL, 'client');
  await Promise.all([redisA.connect(), redisB.connect()]);
});
after(async () => {
  assert.ok((await deleteKeysByPrefix(redisA, prefix)) > 0, 'the tests wrote under their prefix');
  assert.equal(await deleteKeysByPrefix(redisA, prefix), 0, 'the test left no keys behind');
  redisA.disconnect();
  redisB.disconnect();
});

describe('call trail: notes read back in turn order', () => {
  it('written in reverse order by two instances, read in turn order with the latest language and turn 0 start', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const b = createCallTrail(redisB, prefix, silent, NEVER);
    const sid = newCallSid();
    a.note(sid, 2, 'en', [{ step: 'main', input: '1', at: 't2' }]);
    await a.flush();
    b.note(sid, 1, 'uk', [{ step: 'language', input: '3', at: 't1' }, { step: 'greeting_again', at: 't1' }]);
    await b.flush();
    a.note(sid, 0, 'ru', [{ step: 'greeting', at: 't0' }], { at: '2026-06-01T09:00:00.000Z', stirVerstat: 'TN-Validation-Passed-A' });
    await a.flush();
    for (const reader of [a, b]) {
      const t = await reader.read(sid);
      assert.deepEqual(t, {
        path: [{ step: 'greeting', at: 't0' }, { step: 'language', input: '3', at: 't1' }, { step: 'greeting_again', at: 't1' }, { step: 'main', input: '1', at: 't2' }],
        language: 'en',
        startedAt: '2026-06-01T09:00:00.000Z',
        stirVerstat: 'TN-Validation-Passed-A',
      });
    }
  });
  it('turns sort as numbers, not as strings (t10 after t9)', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const sid = newCallSid();
    for (const turn of [10, 2, 9, 1, 11]) a.note(sid, turn, turn === 11 ? 'uk' : 'ru', [{ step: `s${turn}` }]);
    const t = await a.read(sid);
    assert.deepEqual(t?.path.map((p) => p.step), ['s1', 's2', 's9', 's10', 's11']);
    assert.equal(t?.language, 'uk');
    assert.equal(t?.startedAt, undefined);
  });
  it('a call without a trail reads as undefined; a start without a turn is still read', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    assert.equal(await a.read(newCallSid()), undefined);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [], { at: '2026-06-01T10:00:00.000Z', stirVerstat: null });
    const t = await a.read(sid);
    assert.deepEqual(t, { path: [], language: 'ru', startedAt: '2026-06-01T10:00:00.000Z', stirVerstat: undefined });
  });
  it('a damaged field loses its own steps, not the log', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [{ step: 'greeting' }]);
    a.note(sid, 2, 'uk', [{ step: 'main' }]);
    await a.flush();
    await redisA.hset(trailKey(sid), 't1', '{not json');
    const t = await a.read(sid);
    assert.deepEqual(t?.path.map((p) => p.step), ['greeting', 'main']);
    assert.equal(t?.language, 'uk');
  });
});

describe('call trail: first write wins', () => {
  it('a second note for the same turn (a retry) changes nothing, from either instance', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const b = createCallTrail(redisB, prefix, silent, NEVER);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [{ step: 'greeting', at: 'first' }], { at: '2026-06-01T09:00:00.000Z', stirVerstat: 'TN-Validation-Passed-A' });
    a.note(sid, 1, 'ru', [{ step: 'language', input: '1', at: 'first' }]);
    await a.flush();
    const before = await redisA.hgetall(trailKey(sid));
    b.note(sid, 0, 'en', [{ step: 'greeting', at: 'retry' }], { at: '2026-06-01T09:00:05.000Z', stirVerstat: 'TN-Validation-Failed' });
    b.note(sid, 1, 'uk', [{ step: 'language', input: '2', at: 'retry' }]);
    a.note(sid, 1, 'en', [{ step: 'language', input: '3', at: 'retry' }]);
    await Promise.all([a.flush(), b.flush()]);
    assert.deepEqual(await redisA.hgetall(trailKey(sid)), before);
    const t = await b.read(sid);
    assert.deepEqual(t, {
      path: [{ step: 'greeting', at: 'first' }, { step: 'language', input: '1', at: 'first' }],
      language: 'ru',
      startedAt: '2026-06-01T09:00:00.000Z',
      stirVerstat: 'TN-Validation-Passed-A',
    });
    // A new turn is still added after the retries.
    b.note(sid, 2, 'uk', [{ step: 'main' }]);
    assert.equal((await a.read(sid))?.path.length, 2, 'b has not flushed yet: a does not see it');
    assert.equal((await b.read(sid))?.path.length, 3);
  });
});

describe('call trail: written behind', () => {
  it('read sees this instance’s own notes at once, without waiting for the timer', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const b = createCallTrail(redisB, prefix, silent, NEVER);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [{ step: 'greeting' }], { at: '2026-06-01T09:00:00.000Z' });
    // Nothing has been sent yet: another instance sees nothing, and neither does Redis.
    assert.equal(await b.read(sid), undefined);
    assert.equal(await redisB.exists(trailKey(sid)), 0);
    const t = await a.read(sid);
    assert.deepEqual(t?.path, [{ step: 'greeting' }]);
    assert.equal(await redisB.exists(trailKey(sid)), 1);
  });
  it('the timer sends pending notes after flushMs', async () => {
    const a = createCallTrail(redisA, prefix, silent, 20);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [{ step: 'greeting' }]);
    assert.equal(await redisB.exists(trailKey(sid)), 0);
    const deadline = Date.now() + 5000;
    while ((await redisB.exists(trailKey(sid))) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(await redisB.exists(trailKey(sid)), 1, 'written without any flush or read');
  });
  it('200 notes then one flush go in two commands of 100 notes each', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const counter = countNoteCommands(redisA);
    try {
      const sids = Array.from({ length: 20 }, () => newCallSid());
      for (let i = 0; i < 200; i++) a.note(sids[i % 20], Math.floor(i / 20), 'ru', [{ step: `s${i}` }], i < 20 ? { at: `start${i}` } : undefined);
      await a.flush();
      assert.deepEqual(counter.sizes, [100, 100]);
      assert.equal(counter.pipelines, 0);
      // A flush with nothing pending sends nothing.
      await a.flush();
      assert.deepEqual(counter.sizes, [100, 100]);
      for (const sid of sids) assert.equal(Object.keys(await redisB.hgetall(trailKey(sid))).filter((f) => f.startsWith('t')).length, 10, 'every note stored');
      const t = await a.read(sids[3]);
      assert.deepEqual(t?.path.map((p) => p.step), Array.from({ length: 10 }, (_, turn) => `s${turn * 20 + 3}`));
      assert.equal(t?.startedAt, 'start3');
    } finally {
      counter.restore();
    }
  });
  it('notes of one tick share the timer’s command; notes far apart in time do not', async () => {
    const a = createCallTrail(redisA, prefix, silent, 15);
    const counter = countNoteCommands(redisA);
    try {
      const sid = newCallSid();
      for (let turn = 0; turn < 50; turn++) a.note(sid, turn, 'ru', [{ step: `s${turn}` }]);
      await new Promise((r) => setTimeout(r, 200));
      assert.deepEqual(counter.sizes, [50], 'one command for the tick');
      for (let turn = 50; turn < 53; turn++) {
        a.note(sid, turn, 'ru', [{ step: `s${turn}` }]);
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.deepEqual(counter.sizes, [50, 1, 1, 1], 'one command per note when the notes are apart');
      assert.equal((await a.read(sid))?.path.length, 53);
    } finally {
      counter.restore();
    }
  });
});

describe('call trail: expiry', () => {
  it('the trail key has a TTL of at most 4 hours, and the session store’s endCall() shortens it', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [{ step: 'greeting' }], { at: 'now' });
    await a.flush();
    const ttl = await redisA.ttl(trailKey(sid));
    assert.ok(ttl > 0 && ttl <= 4 * HOUR, `ttl ${ttl}`);
    assert.ok(ttl > 4 * HOUR - 60, `ttl ${ttl} is the 4 hours of the longest call`);
    const ended = await createCallSessionStore(redisA, prefix).endCall(sid, 60);
    assert.equal(ended.session, undefined);
    assert.deepEqual(ended.trail?.path, [{ step: 'greeting' }]);
    const kept = await redisA.ttl(trailKey(sid));
    assert.ok(kept > 0 && kept <= 60, `ttl after endCall ${kept}`);
    assert.deepEqual(await redisA.hgetall(`${prefix}:voice:session:${sid}`), { e: '1' }, 'a call that never left the menus gets only the mark that it is over');
    assert.ok(await a.read(sid), 'still readable');
  });
  it('a trail the final status closed takes no more notes and keeps its short TTL', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [{ step: 'greeting' }], { at: 'now' });
    await a.flush();
    await createCallSessionStore(redisA, prefix).endCall(sid, 60);
    a.note(sid, 1, 'ru', [{ step: 'main', input: '1' }]);
    const other = newCallSid(); // in the same command, an open trail still takes its note
    a.note(other, 0, 'ru', [{ step: 'greeting' }]);
    await a.flush();
    assert.deepEqual((await a.read(sid))?.path, [{ step: 'greeting' }]);
    const ttl = await redisA.ttl(trailKey(sid));
    assert.ok(ttl > 0 && ttl <= 60, `ttl ${ttl}`);
    assert.deepEqual((await a.read(other))?.path, [{ step: 'greeting' }]);
    // A repeated final status reads the same path.
    assert.deepEqual((await createCallSessionStore(redisA, prefix).endCall(sid, 60)).trail?.path, [{ step: 'greeting' }]);
  });
  it('a later note refreshes the TTL', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const sid = newCallSid();
    a.note(sid, 0, 'ru', [{ step: 'greeting' }]);
    await a.flush();
    await redisA.expire(trailKey(sid), 30);
    a.note(sid, 1, 'ru', [{ step: 'main' }]);
    await a.flush();
    assert.ok((await redisA.ttl(trailKey(sid))) > 4 * HOUR - 60);
  });
});

describe('call trail: Redis failures cost a log line, never the call', () => {
  it('with Redis disconnected a flush does not throw and logs a warning', async () => {
    const redis = createRedis(REDIS_URL, 'client');
    await redis.connect();
    const { logger, calls } = recordingLogger();
    const a = createCallTrail(redis, prefix, logger, NEVER);
    const sid = newCallSid();
    try {
      redis.disconnect();
      a.note(sid, 0, 'ru', [{ step: 'greeting' }], { at: 'x' });
      a.note(sid, 1, 'ru', [{ step: 'main' }]);
      await assert.doesNotReject(a.flush());
      const warns = calls.filter((c) => c.level === 'warn');
      assert.equal(warns.length, 1, JSON.stringify(calls));
      assert.equal((warns[0].args[0] as { notes: number }).notes, 2);
      assert.match(String(warns[0].args[1]), /voice:trail/);
    } finally {
      await redis.connect();
    }
    // After reconnecting the same trail works again, and the lost notes stay lost (not retried).
    a.note(sid, 2, 'ru', [{ step: 'after' }]);
    const t = await a.read(sid);
    assert.deepEqual(t?.path, [{ step: 'after' }]);
    assert.equal(calls.filter((c) => c.level === 'warn').length, 1);
    redis.disconnect();
  });
  it('notes Redis refuses are counted in a warning, and the others are stored', async () => {
    const { logger, calls } = recordingLogger();
    const a = createCallTrail(redisA, prefix, logger, NEVER);
    const broken = newCallSid();
    const fine = newCallSid();
    await redisA.set(trailKey(broken), 'not a hash');
    a.note(broken, 0, 'ru', [{ step: 'greeting' }]);
    a.note(fine, 0, 'ru', [{ step: 'greeting' }]);
    await a.flush();
    const warns = calls.filter((c) => c.level === 'warn');
    assert.equal(warns.length, 1, JSON.stringify(calls));
    assert.deepEqual(warns[0].args[0], { failed: 1, notes: 2 });
    assert.deepEqual((await a.read(fine))?.path, [{ step: 'greeting' }]);
  });
});

describe('withTrail', () => {
  const session = (over: Partial<CallSession> = {}): CallSession => ({
    callSid: newCallSid(),
    from: '',
    turn: 5,
    data: {},
    language: 'ru',
    step: 'secret',
    attempts: {},
    vars: {},
    path: [{ step: 'reference', input: '[ref]', at: 's1' }, { step: 'reference_confirm', input: '1', at: 's2' }],
    ended: false,
    startedAt: '2026-06-01T09:00:03.000Z',
    stirVerstat: 'TN-Validation-Failed',
    ...over,
  });
  const trail: Trail = { path: [{ step: 'greeting', at: 't0' }, { step: 'main', input: '1', at: 't1' }], language: 'uk', startedAt: '2026-06-01T09:00:00.000Z', stirVerstat: 'TN-Validation-Passed-A' };
  it('puts the trail’s steps first and prefers its startedAt and stirVerstat', () => {
    const s = session();
    const w = withTrail(s, trail);
    assert.deepEqual(w.path.map((p) => p.step), ['greeting', 'main', 'reference', 'reference_confirm']);
    assert.equal(w.startedAt, trail.startedAt);
    assert.equal(w.stirVerstat, trail.stirVerstat);
    assert.equal(w.callSid, s.callSid);
    assert.equal(w.step, 'secret');
    assert.equal(s.path.length, 2, 'the session itself is not changed');
  });
  it('keeps the session’s own start and verstat when the trail has none', () => {
    const s = session();
    const w = withTrail(s, { path: trail.path });
    assert.equal(w.startedAt, s.startedAt);
    assert.equal(w.stirVerstat, s.stirVerstat);
    assert.equal(withTrail(session({ stirVerstat: undefined }), { path: [] }).stirVerstat, null);
  });
  it('without a trail the session is returned as it is', () => {
    const s = session();
    assert.equal(withTrail(s, undefined), s);
  });
  it('works with a trail read back from Redis', async () => {
    const a = createCallTrail(redisA, prefix, silent, NEVER);
    const s = session();
    a.note(s.callSid, 0, 'ru', [{ step: 'greeting', at: 'r0' }], { at: '2026-06-01T08:59:59.000Z', stirVerstat: 'TN-Validation-Passed-B' });
    const w = withTrail(s, await a.read(s.callSid));
    assert.deepEqual(w.path.map((p) => p.at), ['r0', 's1', 's2']);
    assert.equal(w.startedAt, '2026-06-01T08:59:59.000Z');
    assert.equal(w.stirVerstat, 'TN-Validation-Passed-B');
  });
});

describe('the final status reads the session and the trail together, and ends both in the same command', () => {
  const session = (callSid: string): CallSession => ({
    callSid,
    from: '+79161234567',
    language: 'uk',
    step: 'after',
    attempts: {},
    vars: { reference: '7081396985', health: 'good', recording: 'off' },
    path: [{ step: 'reference', input: '[digits]' }],
    ended: false,
    turn: 5,
    data: { detaineeId: 7 },
    last: { turn: 4, twiml: '<Response><Say>7, 0, 8</Say></Response>' },
  });
  it('endCall returns the stored session with its answer and spoken variables, and the trail noted by another instance', async () => {
    const store = createCallSessionStore(redisA, prefix);
    const sid = newCallSid();
    assert.equal(await store.commitIfCurrent(null, session(sid)), true);
    const other = createCallTrail(redisB, prefix, silent, NEVER);
    other.note(sid, 1, 'uk', [{ step: 'language', input: '2' }]);
    other.note(sid, 0, 'ru', [{ step: 'greeting' }], { at: 'start-at', stirVerstat: 'TN-Validation-Passed-A' });
    await other.flush();
    const got = await store.endCall(sid, 90);
    assert.equal(got.trailUnreadable, undefined);
    assert.deepEqual(got.session?.vars, { reference: '7081396985', health: 'good', recording: 'off' });
    assert.deepEqual(got.session?.last, { turn: 4, twiml: '<Response><Say>7, 0, 8</Say></Response>' });
    assert.deepEqual(got.trail, { path: [{ step: 'greeting' }, { step: 'language', input: '2' }], language: 'uk', startedAt: 'start-at', stirVerstat: 'TN-Validation-Passed-A' });
    const none = await store.endCall(newCallSid(), 90);
    assert.deepEqual(none, { session: undefined, trail: undefined });
  });
  it('a trail Redis cannot read (another type) is reported, and the session is still read and ended', async () => {
    const store = createCallSessionStore(redisA, prefix);
    const sid = newCallSid();
    await store.commitIfCurrent(null, session(sid));
    await redisA.set(trailKey(sid), 'not a hash');
    const got = await store.endCall(sid, 90);
    assert.match(got.trailUnreadable ?? '', /WRONGTYPE/);
    assert.equal(got.trail, undefined);
    assert.equal(got.session?.step, 'after');
    assert.deepEqual(Object.keys(await redisA.hgetall(`${prefix}:voice:session:${sid}`)).sort(), ['e', 's'], 'the session is still scrubbed, and marked over');
  });
  it('a session saved by the previous version (spoken variables inside the state) is read as it is and scrubbed at the end', async () => {
    const store = createCallSessionStore(redisA, prefix);
    const sid = newCallSid();
    const key = `${prefix}:voice:session:${sid}`;
    const { last: _last, ...state } = session(sid);
    // The old layout: no `x`; here with a stale `x` that a newer instance left before an older one saved.
    await redisA.hset(key, 's', JSON.stringify(state), 't', '<Response/>', 'n', '4', 'v', '5', 'x', JSON.stringify({ reference: '1111111111' }));
    await redisA.expire(key, 600);
    const loaded = await store.load(sid);
    assert.equal(loaded?.vars.reference, '7081396985', 'the state’s own variables win over an older x');
    const got = await store.endCall(sid, 90);
    assert.deepEqual(got.session?.vars, { reference: '7081396985', health: 'good', recording: 'off' });
    const fields = await redisA.hgetall(key);
    assert.deepEqual(Object.keys(fields).sort(), ['e', 's']);
    assert.ok(!fields.s.includes('7081396985') && !fields.s.includes('"health"'), 'the old state is scrubbed as well');
    assert.deepEqual((JSON.parse(fields.s) as CallSession).vars, { recording: 'off' });
    const ttl = await redisA.ttl(key);
    assert.ok(ttl > 25 * 60 && ttl <= 30 * 60, `ttl ${ttl}`);
  });
  it('endCall leaves only the session’s state without what was keyed in or heard, and shortens both TTLs', async () => {
    const store = createCallSessionStore(redisA, prefix);
    const sid = newCallSid();
    await store.commitIfCurrent(null, session(sid));
    const before = await redisA.hgetall(`${prefix}:voice:session:${sid}`);
    assert.ok(before.x?.includes('7081396985') && !before.s.includes('7081396985'), 'spoken variables live beside the state');
    const trail = createCallTrail(redisA, prefix, silent, NEVER);
    trail.note(sid, 0, 'ru', [{ step: 'greeting' }]);
    await trail.flush();
    await store.endCall(sid, 90);
    const fields = await redisA.hgetall(`${prefix}:voice:session:${sid}`);
    assert.deepEqual(Object.keys(fields).sort(), ['e', 's'], 'the stored answer and the spoken variables are gone; the call is marked over');
    assert.ok(!Object.values(fields).join().includes('7081396985'));
    const state = JSON.parse(fields.s) as CallSession;
    assert.deepEqual(state.vars, { recording: 'off' });
    assert.equal(state.data.detaineeId, 7);
    const sessionTtl = await redisA.ttl(`${prefix}:voice:session:${sid}`);
    assert.ok(sessionTtl > 25 * 60 && sessionTtl <= 30 * 60, `session ttl ${sessionTtl}`);
    const trailTtl = await redisA.ttl(trailKey(sid));
    assert.ok(trailTtl > 0 && trailTtl <= 90, `trail ttl ${trailTtl}`);
    assert.equal(store.cached(sid), undefined, 'this instance forgets its copy');
    // A repeated final status finds the same state and path, and changes nothing more.
    const again = await store.endCall(sid, 90);
    assert.equal(again.session?.step, 'after');
    assert.deepEqual(again.session?.vars, { recording: 'off' });
    assert.equal(again.session?.last, undefined);
    assert.deepEqual(again.trail?.path, [{ step: 'greeting' }]);
    assert.deepEqual(await redisA.hgetall(`${prefix}:voice:session:${sid}`), fields);
  });
  it('after endCall a turn saves only its state: a late turn is told the call ended, and neither it nor a turn that was running when the call ended brings back what was keyed in, the answer or the live TTL', async () => {
    const store = createCallSessionStore(redisA, prefix);
    const sessionKey = (sid: string) => `${prefix}:voice:session:${sid}`;
    // A late webhook: the locked path is told the call is over, and what it returns is not saved.
    const late = newCallSid();
    await store.commitIfCurrent(null, session(late));
    await store.endCall(late, 90);
    const afterEnd = await redisA.hgetall(sessionKey(late));
    let seen: { stored?: CallSession; ended?: boolean } = {};
    await store.withSession(late, async (stored, ended) => {
      seen = { stored, ended };
      return { result: 'x', save: { ...session(late), turn: 6, vars: { reference: '7081396985' } } };
    });
    assert.equal(seen.ended, true);
    assert.equal(seen.stored?.step, 'after', 'the scrubbed state is still there for a recording callback');
    const lateFields = await redisA.hgetall(sessionKey(late));
    assert.deepEqual(Object.keys(lateFields).sort(), Object.keys(afterEnd).sort(), 'no answer, no spoken variables came back');
    assert.equal((JSON.parse(lateFields.s) as CallSession).turn, 6, 'the state moved on, so a retry of that turn finds it done');
    assert.ok(!Object.values(lateFields).join().includes('7081396985'));
    assert.ok((await redisA.ttl(sessionKey(late))) <= 30 * 60, 'nor the live TTL');
    assert.equal(store.cached(late), undefined);
    assert.equal(await redisA.exists(`${prefix}:voice:lock:${late}`), 0, 'the lock is released');
    // The menu path's compare-and-set cannot recreate it either, with or without an expected turn.
    assert.equal(await store.commitIfCurrent(5, { ...session(late), turn: 6 }), false);
    assert.equal(await store.commitIfCurrent(null, { ...session(late), turn: 6 }), false);
    // A call that never left the menus: the mark alone stops the step that would leave them.
    const menusOnly = newCallSid();
    await store.endCall(menusOnly, 90);
    assert.equal(await store.commitIfCurrent(null, session(menusOnly)), false);
    assert.deepEqual(await redisA.hgetall(sessionKey(menusOnly)), { e: '1' });
    // The final status arrives while a turn holds the lock: that turn's save is dropped.
    const crossing = newCallSid();
    await store.commitIfCurrent(null, session(crossing));
    await store.withSession(crossing, async (stored, ended) => {
      assert.equal(ended, false);
      await store.endCall(crossing, 90);
      return { result: 'x', save: { ...stored!, turn: 6, vars: { reference: '7081396985' }, last: { turn: 5, twiml: '<Response/>' } } };
    });
    const fields = await redisA.hgetall(sessionKey(crossing));
    assert.deepEqual(Object.keys(fields).sort(), ['e', 's']);
    assert.ok(!Object.values(fields).join().includes('7081396985'));
    assert.equal(store.cached(crossing), undefined);
  });
});
