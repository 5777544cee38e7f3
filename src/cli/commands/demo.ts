import type { Command } from 'commander';
import { action, printJson } from '../run-command.js';
import { withRepositories } from '../with-repositories.js';
import { seedDemo } from '../../demo/seed-demo.js';

export function registerDemo(program: Command) {
  program
    .command('demo')
    .description('seed the demo data set (idempotent) and print its references, phones, secrets, logins and API tokens')
    .option('--json', 'print the demo set as JSON')
    .action(
      action(async (config, opts: { json?: boolean }) => {
        const set = await withRepositories(config, (repos) =>
          seedDemo({ repos, secretHashKey: config.security.secretHashKey, env: config.env }),
        );
        // `changed` differs between the first and later runs; the printed set must not.
        const { changed: _changed, ...printed } = set;
        if (opts.json) return printJson(printed);
        process.stdout.write(`facility: ${set.facility.name}\n`);
        for (const d of set.detainees) {
          process.stdout.write(`\n${d.reference}  ${d.status}${d.possiblyDead ? ' (possibly dead)' : ''}  - ${d.case}\n`);
          for (const c of d.contacts)
            process.stdout.write(
              `   ${c.phone}  secret ${c.secret ?? '(none)'}  consent ${c.consent.join(';') || '(none)'}  - ${c.case}\n`,
            );
        }
        process.stdout.write('\n');
        for (const l of set.logins) process.stdout.write(`${l.role}: ${l.username} / ${l.password}  API token ${l.apiToken}\n`);
      }),
    );
}
