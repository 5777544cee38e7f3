import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { Socket } from 'node:net';
import type { Redis } from 'ioredis';
import { createRedis } from '../../src/redis/create-redis.js';
import { deleteKeysByPrefix } from '../../src/redis/delete-keys-by-prefix.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `kltest:${randomBytes(4).toString('hex')}`;
const nextTurn = () => new Promise<void>((r) => setImmediate(r));

const socketOf = (redis: Redis) => (redis as unknown as { stream: Socket }).stream;

/** Counts the writes that reach the socket's handle (one per write or writev system call). */
function countWrites(redis: Redis) {
  const socket = socketOf(redis) as Socket & { _write: (...a: unknown[]) => void; _writev: (...a: unknown[]) => void };
  let writes = 0;
  const write = socket._write;
  const writev = socket._writev;
  socket._write = function (...a: unknown[]) {
    writes++;
    return write.apply(this, a);
  };
  socket._writev = function (...a: unknown[]) {
    writes++;
    return writev.apply(this, a);
  };
  return {
    get writes() {
      return writes;
    },
  };
}

describe('turn-batched Redis client (the shared "general" connection)', () => {
  let general: Redis;
  let plain: Redis;

  before(async () => {
    general = createRedis(REDIS_URL, 'general');
    plain = createRedis(REDIS_URL, 'client');
    await Promise.all([general.connect(), plain.connect()]);
  });

  after(async () => {
    await deleteKeysByPrefix(plain, prefix);
    general.disconnect();
    plain.disconnect();
  });

  it('sends the commands of one event-loop turn in one write; a plain client needs one write each', { timeout: 10_000 }, async () => {
    await nextTurn();
    const batched = countWrites(general);
    const unbatched = countWrites(plain);
    const keys = Array.from({ length: 50 }, (_, i) => `${prefix}:w${i}`);
    await Promise.all(keys.map((k, i) => general.set(k, String(i))));
    await Promise.all(keys.map((k, i) => plain.set(k, String(i))));
    assert.equal(batched.writes, 1);
    assert.equal(unbatched.writes, 50);
  });

  it('keeps every reply with its own command when hundreds go in one write', { timeout: 10_000 }, async () => {
    const counter = `${prefix}:counter`;
    const replies = await Promise.all(
      Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? general.incr(counter) : i % 3 === 1 ? general.set(`${prefix}:k${i}`, `v${i}`) : general.get(`${prefix}:k${i - 1}`))),
    );
    for (let i = 0; i < 300; i++) {
      if (i % 3 === 0) assert.equal(replies[i], i / 3 + 1);
      else if (i % 3 === 1) assert.equal(replies[i], 'OK');
      else assert.equal(replies[i], `v${i - 1}`);
    }
  });

  it('writes a lone command at the end of its turn, and leaves the socket uncorked', { timeout: 10_000 }, async () => {
    for (let i = 0; i < 5; i++) {
      await nextTurn();
      const w = countWrites(general);
      assert.equal(await general.incr(`${prefix}:lone`), i + 1);
      assert.equal(w.writes, 1);
      assert.equal(socketOf(general).writableCorked, 0);
    }
  });

  it('keeps order between plain commands, a MULTI and a defined script issued in the same turn', { timeout: 10_000 }, async () => {
    const key = `${prefix}:order`;
    // A script Redis has never seen (its text is unique to this run): its first use goes out as EVAL.
    general.defineCommand('klTestAppend', { numberOfKeys: 1, lua: `-- ${prefix}\nreturn redis.call('RPUSH', KEYS[1], ARGV[1])` });
    const appendScript = (general as unknown as { klTestAppend: (k: string, v: string) => Promise<number> }).klTestAppend.bind(general);
    const results = await Promise.all([
      general.rpush(key, 'a'),
      general.multi().rpush(key, 'b').rpush(key, 'c').exec(),
      appendScript(key, 'd'),
      general.rpush(key, 'e'),
    ]);
    assert.deepEqual(await general.lrange(key, 0, -1), ['a', 'b', 'c', 'd', 'e']);
    assert.equal(results[3], 5);
  });

  it('runs each command exactly once when the connection drops in the middle of a turn, and leaves the new socket uncorked', { timeout: 10_000 }, async () => {
    const client = createRedis(REDIS_URL, 'general');
    await client.connect();
    try {
      await nextTurn();
      const old = socketOf(client);
      // INCR, not SET: a command that reached Redis and was sent again after the reconnect would count twice.
      // Still corked when the socket goes, these reach Redis only once, after the reconnect. (A plain client
      // has already written them: Redis runs them, the replies are lost, ioredis sends them again: 40.)
      const counter = `${prefix}:drop-counter`;
      const pending = Array.from({ length: 20 }, () => client.incr(counter));
      old.destroy();
      const settled = await Promise.allSettled(pending);
      const failed = settled.filter((s) => s.status === 'rejected');
      assert.equal(failed.length, 0, `commands lost: ${failed.map((f) => String((f as PromiseRejectedResult).reason)).join('; ')}`);
      assert.equal(await plain.get(counter), '20');
      assert.deepEqual(settled.map((s) => (s as PromiseFulfilledResult<number>).value).sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i + 1));
      const fresh = socketOf(client);
      assert.notEqual(fresh, old);
      assert.equal(await client.incr(`${prefix}:after-drop`), 1);
      await nextTurn();
      assert.equal(fresh.writableCorked, 0);
    } finally {
      client.disconnect();
    }
  });
});
