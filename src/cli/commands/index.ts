import type { Command } from 'commander';
import { registerImport } from './import.js';
import { registerDemo } from './demo.js';
import { registerFlows } from './flows.js';
import { registerCall } from './call.js';
import { registerCalls } from './calls.js';
import { registerFacility } from './facility.js';

/** One line per feature command group, so features can be added side by side. */
export function registerExtraCommands(program: Command): void {
  registerImport(program);
  registerDemo(program);
  registerFlows(program);
  registerCall(program);
  registerCalls(program);
  registerFacility(program);
  // registerImport(program); registerDemo(program); registerFlows(program); registerCall(program); ...
}
