import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BatchedReadTimeout, createBatchedReads } from '../../src/storage/batched-reads.js';

/**
 * Batched reads over a fake statement that records its batches, takes `ms`, fails on a key "bad" and never
 * answers for a key "hang" (a dead connection).
 */
function recorder(maxBatch = 4, ms = 5, timeoutMs = 1000) {
  const batches: string[][] = [];
  const read = createBatchedReads<string, string>({
    maxBatch,
    timeoutMs,
    read: async (keys) => {
      batches.push([...keys]);
      if (keys.includes('hang')) await new Promise(() => {});
      await new Promise((r) => setTimeout(r, ms));
      if (keys.includes('bad')) throw new Error('bad key');
      // A key starting with "none" has no result, as a reference nobody registered.
      return new Map(keys.filter((k) => !k.startsWith('none')).map((k) => [k, `value of ${k}`]));
    },
  });
  return { batches, read };
}

describe('batched reads', () => {
  it('a key in a quiet period is read at once, alone; keys arriving meanwhile share the next statement', async () => {
    const { batches, read } = recorder();
    const first = read('a');
    assert.deepEqual(batches, [['a']], 'started synchronously, no timer');
    const rest = [read('b'), read('c'), read('none-1')];
    assert.deepEqual(await Promise.all([first, ...rest]), ['value of a', 'value of b', 'value of c', undefined]);
    assert.deepEqual(batches, [['a'], ['b', 'c', 'none-1']]);
  });
  it('50 concurrent keys give what 50 lone reads give, in few statements of at most maxBatch keys', async () => {
    const { batches, read } = recorder(8);
    const keys = Array.from({ length: 50 }, (_, i) => (i % 7 === 0 ? `none-${i}` : `k${i % 20}`));
    const got = await Promise.all(keys.map((k) => read(k)));
    assert.deepEqual(got, keys.map((k) => (k.startsWith('none') ? undefined : `value of ${k}`)));
    assert.ok(batches.every((b) => b.length <= 8 && new Set(b).size === b.length), JSON.stringify(batches));
    assert.ok(batches.length < 50 / 2, `${batches.length} statements for 50 reads`);
    const lone = recorder(8);
    for (const k of keys) assert.equal(await lone.read(k), k.startsWith('none') ? undefined : `value of ${k}`);
    assert.equal(lone.batches.length, 50, 'one at a time, each goes alone');
  });
  it('the same key asked twice in one batch is read once, and both callers get its result', async () => {
    const { batches, read } = recorder();
    const first = read('x');
    const again = [read('y'), read('y'), read('y')];
    assert.deepEqual(await Promise.all([first, ...again]), ['value of x', 'value of y', 'value of y', 'value of y']);
    assert.deepEqual(batches, [['x'], ['y']]);
  });
  it('waiters beyond maxBatch keys wait for the following statement, in order', async () => {
    const { batches, read } = recorder(2);
    const all = [read('a'), read('b'), read('c'), read('b'), read('d'), read('e')];
    await Promise.all(all);
    assert.deepEqual(batches, [['a'], ['b', 'c'], ['d', 'e']], 'the second b shares the statement that reads b');
  });
  it('a failing statement fails only the callers of the key that fails it', async () => {
    const { batches, read } = recorder();
    const first = read('a');
    const p = [read('b'), read('bad'), read('c'), read('bad')];
    const settled = await Promise.allSettled([first, ...p]);
    assert.deepEqual(settled.map((s) => s.status), ['fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'rejected']);
    assert.match(String((settled[2] as PromiseRejectedResult).reason), /bad key/);
    assert.deepEqual(batches, [['a'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']], 'the three lone reads go out together');
    // The reader is not stuck: a later key still reads.
    assert.equal(await read('z'), 'value of z');
  });
  it('a statement that never answers fails its keys after the timeout, and the next statement goes out', async () => {
    const { batches, read } = recorder(4, 5, 40);
    const started = Date.now();
    const first = read('hang');
    const behind = [read('a'), read('hang'), read('b')];
    const settled = await Promise.allSettled([first, ...behind]);
    assert.equal(settled[0].status, 'rejected');
    assert.ok((settled[0] as PromiseRejectedResult).reason instanceof BatchedReadTimeout);
    assert.match(String((settled[0] as PromiseRejectedResult).reason), /did not answer a read within 40 ms/);
    // The keys queued behind it shared the next statement, which also held "hang": it timed out as a whole
    // rather than being retried key by key (that would only hang again).
    assert.deepEqual(settled.map((x) => x.status), ['rejected', 'rejected', 'rejected', 'rejected']);
    assert.deepEqual(batches, [['hang'], ['a', 'hang', 'b']]);
    assert.ok(Date.now() - started >= 70, 'each statement was given its time');
    assert.equal(await read('c'), 'value of c', 'the reader goes on');
  });
});
