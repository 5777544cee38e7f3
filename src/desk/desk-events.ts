import type { AppContext } from '../app-context.js';

/**
 * Told whenever the desk may now be able to connect someone: an operator became available, or a caller left.
 * The dispatcher that rings the idle-longest operator is wired in here; until then nothing is rung.
 */
export async function onDeskChanged(ctx: AppContext): Promise<void> {
  void ctx;
}
