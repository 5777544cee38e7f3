import fs from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { action, printJson } from '../run-command.js';
import { withRepositories } from '../with-repositories.js';
import { importCsv } from '../../import/import-csv.js';
import { AppError } from '../../shared/errors.js';

export function registerImport(program: Command) {
  program
    .command('import <file>')
    .description('import detainees and contacts from a CSV file (columns: see README); re-importing the same file changes nothing')
    .option('--json', 'print {imported, unchanged, rejected: [{line, reason}], warnings: [{line, reason}]} as JSON')
    .option('--batch-size <n>', 'rows per transaction', '500')
    .action(
      action(async (config, file: string, opts: { json?: boolean; batchSize: string }) => {
        let size: number;
        try {
          size = fs.statSync(file).size;
        } catch {
          throw new AppError('file_not_found', `cannot read ${file}`);
        }
        // A bar only on a terminal: in a pipe or a log it would be noise.
        const bar =
          process.stderr.isTTY && !opts.json
            ? new cliProgress.SingleBar(
                { format: 'import [{bar}] {percentage}% | {rows} rows', stream: process.stderr },
                cliProgress.Presets.shades_classic,
              )
            : undefined;
        bar?.start(size, 0, { rows: 0 });
        const result = await withRepositories(config, (repos) =>
          importCsv({ repos, secretHashKey: config.security.secretHashKey }, fs.createReadStream(file), {
            batchSize: Math.max(1, Number(opts.batchSize) || 500),
            onProgress: (p) => bar?.update(p.bytes, { rows: p.rows }),
          }),
        )
          .then((r) => (bar?.update(size, { rows: r.imported + r.unchanged + r.rejected.length }), r))
          .finally(() => bar?.stop());
        // Exit 1 when any row was rejected, so a script notices; the good rows are imported all the same.
        if (result.rejected.length) process.exitCode = 1;
        if (opts.json) return printJson(result);
        for (const r of result.rejected) process.stdout.write(`line ${r.line}: ${r.reason}\n`);
        for (const w of result.warnings) process.stdout.write(`line ${w.line}: warning: ${w.reason}\n`);
        process.stdout.write(`imported ${result.imported}, unchanged ${result.unchanged}, rejected ${result.rejected.length}\n`);
      }),
    );
}
