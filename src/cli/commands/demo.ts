import type { Command } from 'commander';
import { action, printJson } from '../run-command.js';
import { withApi, withUrlOption } from '../with-api.js';
import type { DemoSet } from '../../demo/seed-demo.js';

type PrintedSet = Omit<DemoSet, 'changed'>;

const hoursOf = (f: PrintedSet['facility']) =>
  `${f.callHours} (${f.timeZone})${f.callHours === 'mon-sun 00:00-24:00' ? ': calls can be approved at any hour' : ''}`;

export function registerDemo(program: Command) {
  withUrlOption(
    program
      .command('demo')
      .description('seed the demo data set (idempotent) and print its facility, references, phones, secrets, logins and API tokens')
      .option('--json', 'print the demo set as JSON'),
  ).action(
    action(async (config, opts: { json?: boolean; url?: string }) => {
      const set = await withApi(config, opts, (api) => api.post<PrintedSet>('/api/demo'));
      if (opts.json) return printJson(set);
      const f = set.facility;
      process.stdout.write(`facility: ${f.name}\n  line ${f.defaultLine ?? '(none)'}\n  call hours ${hoursOf(f)}\n`);
      for (const d of set.detainees) {
        process.stdout.write(`\n${d.reference}  ${d.status}${d.possiblyDead ? ' (possibly dead)' : ''}  - ${d.case}\n`);
        for (const c of d.contacts)
          process.stdout.write(`   ${c.phone}  secret ${c.secret ?? '(none)'}  consent ${c.consent.join(';') || '(none)'}  - ${c.case}\n`);
      }
      process.stdout.write('\n');
      for (const l of set.logins) process.stdout.write(`${l.role}: ${l.username} / ${l.password}  API token ${l.apiToken}\n`);
    }),
  );
}
