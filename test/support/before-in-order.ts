import { before } from 'node:test';

// Node 20 starts a file's top-level before() hooks as they are registered, side by side rather than one after
// another (its after() hooks do run in order). A hook that uses what an earlier one made (a browser, a fixture)
// is registered through this function: it starts once every hook registered through it before has finished,
// and fails with the earlier hook's error if that one failed.
let previous: Promise<unknown> = Promise.resolve();

export function beforeInOrder(fn: () => unknown, options: { timeout: number }): void {
  const earlier = previous;
  let settle!: (run: Promise<unknown>) => void;
  const mine = new Promise<unknown>((resolve) => (settle = resolve));
  // A failure is reported by the hook that failed, and by the hooks after it: not as an unhandled rejection.
  mine.catch(() => {});
  previous = mine;
  before(async () => {
    const run = earlier.then(() => fn());
    settle(run);
    await run;
  }, options);
}
