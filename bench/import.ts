/**
 * Import benchmark: 100,000 CSV rows (about 1% bad) into embedded PGlite, and into PostgreSQL when
 * DATABASE_URL is set. Prints rows/s and peak RSS against a baseline in the same run (csv-parse plus the
 * same row validation, no database), checks every bad row was reported, and re-imports to check that a
 * second run changes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import { migrate, openDatabase, type DatabaseHandle } from '../src/storage/database.js';
import { createRepositories } from '../src/storage/repositories/index.js';
import { importCsv, type ImportResult } from '../src/import/import-csv.js';
import { parseImportRow } from '../src/import/import-row-schema.js';
import { generateImportCsv } from './support/generate-import-csv.js';
import { measure } from './support/measure.js';
import { createScratchDatabase } from '../src/storage/scratch-database.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const KEY = 'bench-secret-hash-key-0123456789abcdef';

async function validateOnly(file: string): Promise<number> {
  let ok = 0;
  for await (const rec of fs.createReadStream(file).pipe(parse({ columns: true, bom: true, skip_records_with_error: true }))) {
    if (parseImportRow(rec as Record<string, string>).ok) ok++;
  }
  return ok;
}

async function importInto(label: string, h: DatabaseHandle, file: string, bad: number[]) {
  await migrate(h.db);
  const repos = createRepositories(h.db, KEY);
  const first = await measure(() => importCsv({ repos, secretHashKey: KEY }, fs.createReadStream(file)));
  const second = await measure(() => importCsv({ repos, secretHashKey: KEY }, fs.createReadStream(file)));
  check(label, first.value, second.value, bad);
  return { first, second };
}

function check(label: string, first: ImportResult, second: ImportResult, bad: number[]) {
  const reported = first.rejected.map((r) => r.line).join(',');
  if (reported !== bad.join(',')) throw new Error(`${label}: reported bad lines differ from the ${bad.length} planted ones`);
  if (first.imported !== ROWS - bad.length) throw new Error(`${label}: imported ${first.imported}, expected ${ROWS - bad.length}`);
  if (second.imported !== 0 || second.unchanged !== first.imported)
    throw new Error(`${label}: the re-import changed ${second.imported} rows`);
}

const line = (name: string, rows: number, s: number, rss: number, base?: number) =>
  `${name.padEnd(40)} ${String(Math.round(rows / s)).padStart(8)} rows/s  ${s.toFixed(1).padStart(6)} s  peak RSS ${String(rss).padStart(4)} MiB` +
  (base ? `  (${(base / (rows / s)).toFixed(1)}x slower than the baseline)` : '');

/** Prints the first import and the unchanged re-import of one database against the baseline rate. */
function report(database: string, r: Awaited<ReturnType<typeof importInto>>, baseRate: number) {
  console.log(line(`import, ${database}`, ROWS, r.first.seconds, r.first.peakRssMiB, baseRate));
  console.log(line(`re-import (no change), ${database}`, ROWS, r.second.seconds, r.second.peakRssMiB, baseRate));
}

export async function run(): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kinline-bench-'));
  const file = path.join(tmp, 'import.csv');
  try {
    const bad = await generateImportCsv(file, ROWS);
    console.log(
      `${ROWS} rows (${bad.length} bad), ${(fs.statSync(file).size / 1048576).toFixed(1)} MiB; node ${process.version}, ${os.cpus().length} CPUs, load average ${os.loadavg()[0].toFixed(1)}`,
    );
    const base = await measure(() => validateOnly(file));
    if (base.value !== ROWS - bad.length) throw new Error(`baseline accepted ${base.value} rows`);
    const baseRate = ROWS / base.seconds;
    console.log(line('baseline: csv-parse + validation', ROWS, base.seconds, base.peakRssMiB));

    // PostgreSQL first: PGlite's WebAssembly heap stays mapped after close and would inflate later peaks.
    if (process.env.DATABASE_URL) {
      const scratch = await createScratchDatabase(process.env.DATABASE_URL, 'bench');
      const h = await openDatabase({ url: scratch.url });
      try {
        report('PostgreSQL', await importInto('postgres', h, file, bad), baseRate);
      } finally {
        await h.close();
        await scratch.drop();
      }
    }
    const lite = await openDatabase({ dataDir: path.join(tmp, 'pglite') });
    try {
      report('embedded PGlite', await importInto('pglite', lite, file, bad), baseRate);
    } finally {
      await lite.close();
    }

    console.log(`all ${bad.length} bad rows reported with their line numbers; the re-import changed nothing`);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
