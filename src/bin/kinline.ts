#!/usr/bin/env node
// First: .env is in the environment before any module reads the configuration.
import '../cli/load-dotenv.js';
import { Command } from 'commander';
import { registerServe } from '../cli/commands/serve.js';
import { registerDb } from '../cli/commands/db-migrate.js';
import { registerAudit } from '../cli/commands/audit-verify.js';
import { registerUser } from '../cli/commands/user-add.js';
import { registerExtraCommands } from '../cli/commands/index.js';

const program = new Command();
program.name('kinline').description('kinline: family-contact hotline and supervised calls').version('0.1.0');
registerServe(program);
registerDb(program);
registerAudit(program);
registerUser(program);
registerExtraCommands(program);
await program.parseAsync(process.argv);
