import type { Command } from 'commander';

/** One line per feature command group, so features can be added side by side. */
export function registerExtraCommands(_program: Command): void {
  // registerImport(program); registerDemo(program); registerFlows(program); registerCall(program); ...
}
