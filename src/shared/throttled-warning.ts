import type { Logger } from './logger.js';

/**
 * A warning for an error that repeats while a dependency is down (Redis refusing connections): logged as one
 * JSON line at most every `everyMs`, saying how many were left out, instead of a stack trace per retry.
 */
export function throttledWarning(logger: Logger, message: string, everyMs = 30_000): (err: unknown) => void {
  let last = -Infinity;
  let skipped = 0;
  return (err) => {
    const now = Date.now();
    if (now - last < everyMs) {
      skipped++;
      return;
    }
    const e = err as { message?: string; code?: string } | undefined;
    logger.warn({ error: e?.message, code: e?.code, repeated: skipped }, message);
    last = now;
    skipped = 0;
  };
}
