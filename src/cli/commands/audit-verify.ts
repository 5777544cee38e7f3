import type { Command } from 'commander';
import { action, printJson } from '../run-command.js';
import { withApi, withUrlOption } from '../with-api.js';

interface VerifyResult {
  ok: boolean;
  entries: number;
  problem?: { seq: number; reason: string };
}

export function registerAudit(program: Command) {
  const audit = program.command('audit').description('the hash-chained audit log');
  withUrlOption(
    audit
      .command('verify')
      .description('check that no audit entry was edited, inserted or deleted; exits 1 when the chain is broken')
      .option('--json', 'print the result as JSON'),
  ).action(
    action(async (config, opts: { json?: boolean; url?: string }) => {
      const result = await withApi(config, opts, (api) => api.get<VerifyResult>('/api/audit/verify'));
      if (opts.json) printJson(result);
      else if (result.ok) process.stdout.write(`audit log intact: ${result.entries} entries\n`);
      else
        process.stdout.write(
          `audit log BROKEN at entry ${result.problem!.seq}: ${result.problem!.reason} (${result.entries} entries verified before it)\n`,
        );
      if (!result.ok) process.exitCode = 1;
    }),
  );
}
