/**
 * Polls `fn` until it returns a truthy value, and returns that value; fails naming `what` after `ms`. The
 * bound only keeps a broken test from hanging: it is no timing assertion, so it is generous.
 */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}
