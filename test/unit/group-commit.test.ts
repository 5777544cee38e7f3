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
  it('flush writes a lingering item at once and resolves only when nothing is left to write', async () => {
    const { batches, submit } = recorder(20);
    const started = Date.now();
    let settled = false;
    const lingering = submit({ key: 'a', wait: 10_000 }).then(() => (settled = true));
    await submit.flush();
    assert.equal(settled, true, 'the item’s statement completed before flush resolved');
    assert.deepEqual(batches, [['a']]);
    assert.ok(Date.now() - started < 5_000, 'the linger did not hold it');
    await lingering;
    // While a statement is in flight, flush waits for it and for what queued behind it.
    const first = submit({ key: 'b' });
    const second = submit({ key: 'c' });
    let both = false;
    void Promise.all([first, second]).then(() => (both = true));
    await submit.flush();
    await tick();
    assert.equal(both, true);
    assert.deepEqual(batches, [['a'], ['b'], ['c']]);
    await submit.flush(); // nothing queued: resolves at once
  });
});


describe('call-log rows wait for company only when it is likely', () => {
  it('a final row waits only if the previous final row came within the linger', async () => {
    const { lingerWhenBusy } = await import('../../src/hotline/write-call-log.js');
    let t = 1000;
    const linger = lingerWhenBusy(2, () => t);
    assert.equal(linger(true), 0, 'the first final row of a quiet period goes at once');
    t += 1.5;
    assert.equal(linger(true), 2, 'another came 1.5 ms later: the rate says a third is on its way');
    t += 1;
    assert.equal(linger(false), 0, 'a row a caller waits for never waits');
    t += 0.5;
    assert.equal(linger(true), 2, 'rows without a final status do not count as company');
    t += 50;
    assert.equal(linger(true), 0, 'after a gap the next one goes at once again');
  });
});
