import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { action, printJson } from '../run-command.js';
import { withApi, withUrlOption } from '../with-api.js';
import { AppError } from '../../shared/errors.js';

interface ImportResult {
  imported: number;
  unchanged: number;
  rejected: Array<{ line: number; reason: string }>;
  warnings: Array<{ line: number; reason: string }>;
}

export function registerImport(program: Command) {
  withUrlOption(
    program
      .command('import <file>')
      .description('import detainees and contacts from a CSV file (columns: see README); re-importing the same file changes nothing')
      .option('--json', 'print {imported, unchanged, rejected: [{line, reason}], warnings: [{line, reason}]} as JSON'),
  ).action(
    action(async (config, file: string, opts: { json?: boolean; url?: string }) => {
      let size: number;
      try {
        size = fs.statSync(file).size;
      } catch {
        throw new AppError('file_not_found', `cannot read ${file}`);
      }
      // A bar (of the bytes sent) only on a terminal: in a pipe or a log it would be noise.
      const bar =
        process.stderr.isTTY && !opts.json
          ? new cliProgress.SingleBar(
              { format: 'import [{bar}] {percentage}%', stream: process.stderr },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
      const result = await withApi(config, opts, (api) => {
        let sent = 0;
        bar?.start(size, 0);
        const counted = fs.createReadStream(file).pipe(
          new Transform({
            transform(chunk: Buffer, _enc, done) {
              bar?.update((sent += chunk.length));
              done(null, chunk);
            },
          }),
        );
        return api.send<ImportResult>('POST', '/api/imports', Readable.toWeb(counted) as ReadableStream, 'text/csv; charset=utf-8');
      }).finally(() => bar?.stop());
      // Exit 1 when any row was rejected, so a script notices; the good rows are imported all the same.
      if (result.rejected.length) process.exitCode = 1;
      if (opts.json) return printJson(result);
      for (const r of result.rejected) process.stdout.write(`line ${r.line}: ${r.reason}\n`);
      for (const w of result.warnings) process.stdout.write(`line ${w.line}: warning: ${w.reason}\n`);
      process.stdout.write(`imported ${result.imported}, unchanged ${result.unchanged}, rejected ${result.rejected.length}\n`);
    }),
  );
}
