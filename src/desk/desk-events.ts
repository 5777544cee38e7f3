import type { AppContext } from '../app-context.js';
import { dispatchDesk } from './dispatch.js';

/**
 * Told whenever the desk may now be able to connect someone: an operator became available, or a caller left.
 * The dispatcher rings the operator idle longest for a waiting caller (never one operator twice).
 */
export async function onDeskChanged(ctx: AppContext): Promise<void> {
  await dispatchDesk(ctx);
}
