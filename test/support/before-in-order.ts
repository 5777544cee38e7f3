import { before } from 'node:test';

// Node 20 starts a file's top-level before() hooks as they are registered, side by side rather than one after
// another (its after() hooks do run in order). A hook that uses what an earlier one made (a browser, a fixture)
// is registered through this function: it waits for the hooks registered through it before, and fails with an
// earlier one's error if that one failed.
let chain: Promise<unknown> = Promise.resolve();

export function beforeInOrder(fn: () => unknown, options: { timeout: number }): void {
  before(() => (chain = chain.then(() => fn())), options);
}
