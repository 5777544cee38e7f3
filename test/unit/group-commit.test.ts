import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createGroupCommit } from '../../src/storage/group-commit.js';

interface Item {
  key: string;
  wait?: number;
  bad?: boolean;
}

/** A group commit over a fake statement that records its batches and takes `ms` to complete. */
function recorder(ms = 5) {
  const batches: string[][] = [];
  const submit = createGroupCommit<Item>({
    key: (i) => i.key,
    group: () => 'all',
    maxBatch: 10,
    lingerMs: (i) => i.wait ?? 0,
    write: async (items) => {
      batches.push(items.map((i) => i.key));
      await new Promise((r) => setTimeout(r, ms));
      if (items.some((i) => i.bad)) throw new Error('bad row');
    },
  });
  return { batches, submit };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('group commit', () => {
  it('an item in a quiet period is written at once, alone; items arriving meanwhile share the next statement', async () => {
    const { batches, submit } = recorder();
    const first = submit({ key: 'a' });
    assert.deepEqual(batches, [['a']], 'started synchronously');
    const rest = [submit({ key: 'b' }), submit({ key: 'c' })];
    await Promise.all([first, ...rest]);
    assert.deepEqual(batches, [['a'], ['b', 'c']]);
  });
  it('an item that may linger waits for company, then shares one statement with what arrived', async () => {
    const { batches, submit } = recorder();
    const started = Date.now();
    const all = [submit({ key: 'a', wait: 30 })];
    await tick();
    assert.deepEqual(batches, [], 'not written yet');
    all.push(submit({ key: 'b', wait: 30 }), submit({ key: 'c', wait: 30 }));
    await Promise.all(all);
    assert.deepEqual(batches, [['a', 'b', 'c']]);
    assert.ok(Date.now() - started >= 25, 'it waited for the linger');
  });
  it('an item that may not wait ends the linger: everything queued goes at once', async () => {
    const { batches, submit } = recorder();
    const started = Date.now();
    const lingering = submit({ key: 'a', wait: 10_000 });
    await tick();
    const urgent = submit({ key: 'b' });
    await Promise.all([lingering, urgent]);
    assert.deepEqual(batches, [['a', 'b']]);
    assert.ok(Date.now() - started < 5_000, 'the 10 s linger was cut short');
  });
  it('two items of one key never share a statement, and keep their order', async () => {
    const { batches, submit } = recorder();
    await Promise.all([submit({ key: 'a', wait: 5 }), submit({ key: 'a', wait: 5 }), submit({ key: 'b', wait: 5 })]);
    assert.deepEqual(batches, [['a', 'b'], ['a']]);
  });
  it('a failing statement is retried row by row; only the bad row’s caller gets the error', async () => {
    const { batches, submit } = recorder(1);
    const results = await Promise.allSettled([submit({ key: 'a', wait: 5 }), submit({ key: 'b', wait: 5, bad: true }), submit({ key: 'c', wait: 5 })]);
    assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(batches, [['a', 'b', 'c'], ['a'], ['b'], ['c']]);
  });
});
