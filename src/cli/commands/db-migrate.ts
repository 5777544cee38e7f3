import type { Command } from 'commander';
import { action, printJson } from '../run-command.js';
import { migrate, openDatabase } from '../../storage/database.js';

export function registerDb(program: Command) {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending database migrations (the server also does this at start-up)')
    .option('--json', 'print the result as JSON')
    .action(
      action(async (config, opts: { json?: boolean }) => {
        const h = await openDatabase({ url: config.database.url, dataDir: config.database.dataDir });
        try {
          const applied = await migrate(h.db);
          if (opts.json) printJson({ database: h.kind, applied });
          else
            process.stdout.write(applied.length ? `applied ${applied.join(', ')} (${h.kind})\n` : `database is up to date (${h.kind})\n`);
        } finally {
          await h.close();
        }
      }),
    );
}
