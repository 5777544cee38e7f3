import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { waitFor } from './wait-for.js';

/**
 * Resolves once `monitor` (a connection in MONITOR mode) has reported every command Redis ran before this
 * call: it sends a marker through `client` and waits for MONITOR to report it, as MONITOR reports commands
 * in the order Redis runs them.
 */
export async function monitorCaughtUp(monitor: Redis, client: Redis): Promise<void> {
  const marker = `kltest-monitor-marker:${randomBytes(6).toString('hex')}`;
  let reported = false;
  const onCommand = (_time: string, args: string[]) => (reported ||= args.includes(marker));
  monitor.on('monitor', onCommand);
  try {
    await client.echo(marker);
    await waitFor('MONITOR to report the commands sent before the marker', async () => reported, 10_000);
  } finally {
    monitor.off('monitor', onCommand);
  }
}
