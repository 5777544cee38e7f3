import { test } from 'node:test';
import assert from 'node:assert/strict';
import { beforeInOrder } from '../support/before-in-order.js';

// The console's browser tests rely on it: the fixture's setup opens pages in the browser an earlier hook launched.
// Plain top-level before() hooks would give ['second', 'first'] here on Node 20.
const events: string[] = [];
beforeInOrder(
  async () => {
    await new Promise((r) => setTimeout(r, 300));
    events.push('first');
  },
  { timeout: 10_000 },
);
beforeInOrder(() => events.push('second'), { timeout: 10_000 });

test('hooks registered through beforeInOrder run one after another, in the order they were registered', () => {
  assert.deepEqual(events, ['first', 'second']);
});
