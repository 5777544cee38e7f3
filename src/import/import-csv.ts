import type { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import type { Repositories } from '../storage/repositories/index.js';
import type { Logger } from '../shared/logger.js';
import type { Metrics } from '../shared/metrics.js';
import { AppError } from '../shared/errors.js';
import { IMPORT_COLUMNS, REQUIRED_COLUMNS, parseImportRow } from './import-row-schema.js';
import { importDetainees, type RowState } from './import-detainees.js';
import { importContacts } from './import-contacts.js';
import { applyFacilitySettings } from './import-facility-settings.js';
import { RECOMMENDED_SECRET_DIGITS, SHORT_SECRET_WARNING } from '../shared/secret-hash.js';

export interface ImportResult {
  imported: number;
  unchanged: number;
  /** Every bad row, by its line in the file. Reasons name the column and rule, never the value. */
  rejected: { line: number; reason: string }[];
  /** Rows imported with something to improve, e.g. a secret shorter than 6 digits (C-03). */
  warnings: { line: number; reason: string }[];
}

export interface ImportDeps {
  repos: Repositories;
  secretHashKey: string;
  logger?: Logger;
  metrics?: Metrics;
}

export interface ImportOptions {
  /** Rows per transaction. @defaultValue 500 */
  batchSize?: number;
  actor?: string;
  onProgress?: (p: { rows: number; bytes: number }) => void;
}

function checkHeader(header: string[]): string[] {
  const cols = header.map((h) => h.trim().toLowerCase());
  const unknown = cols.filter((c) => !(IMPORT_COLUMNS as readonly string[]).includes(c));
  if (unknown.length)
    throw new AppError('bad_csv_header', `unknown column(s) ${unknown.join(', ')}; the columns are ${IMPORT_COLUMNS.join(', ')}`);
  const missing = REQUIRED_COLUMNS.filter((c) => !cols.includes(c));
  if (missing.length) throw new AppError('bad_csv_header', `missing column(s) ${missing.join(', ')}`);
  return cols;
}

/**
 * Imports detainees and their contacts from a CSV stream. Streams and commits in batches, so memory stays
 * flat; bad rows are reported and skipped while good rows are kept; a second run of the same file changes
 * nothing. One audit entry per import.
 */
export async function importCsv(deps: ImportDeps, input: Readable, opts: ImportOptions = {}): Promise<ImportResult> {
  const batchSize = opts.batchSize ?? 500;
  const actor = opts.actor ?? 'cli';
  const result: ImportResult = { imported: 0, unchanged: 0, rejected: [], warnings: [] };
  let headerError: Error | undefined;
  let columns: ReadonlySet<string> = new Set();
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    info: true,
    skip_records_with_error: true,
    columns: (header: string[]) => {
      try {
        const cols = checkHeader(header);
        columns = new Set(cols);
        return cols;
      } catch (e) {
        headerError = e as Error;
        throw e;
      }
    },
    on_skip: (err: CsvError | undefined) => {
      const line = Number((err as { lines?: number } | undefined)?.lines ?? 0);
      result.rejected.push({
        line,
        reason: `not a valid CSV row: ${String(err?.code ?? 'parse error')
          .toLowerCase()
          .replace(/^csv_/, '')
          .replace(/_/g, ' ')}`,
      });
      return undefined;
    },
  });
  const facilities = new Map<string, number>();
  let batch: RowState[] = [];
  let rows = 0;

  const flush = async () => {
    if (!batch.length) return;
    const current = batch;
    batch = [];
    const facilityChanges = new Map<number, Set<string>>();
    await deps.repos.transaction(async (trx) => {
      for (const name of new Set(current.flatMap((r) => (r.row.facility ? [r.row.facility] : [])))) {
        if (!facilities.has(name)) facilities.set(name, (await trx.facilities.upsert({ name })).id);
      }
      await importDetainees(trx.detainees, current, facilities, columns);
      await importContacts(trx, current, deps.secretHashKey, actor, columns);
      for (const r of current) {
        const id = r.row.facility ? facilities.get(r.row.facility) : undefined;
        if (r.reason || !r.row.facilitySettings || id === undefined) continue;
        const changed = await applyFacilitySettings(trx, id, r.row.facilitySettings);
        if (changed.length) r.changed = true;
        for (const c of changed) facilityChanges.set(id, (facilityChanges.get(id) ?? new Set()).add(c));
      }
    });
    // Every facility change is audited like one made in the console (the audit cannot join the transaction).
    for (const [id, fields] of facilityChanges)
      await deps.repos.audit.append({
        actor,
        action: 'facility.update',
        subjectType: 'facility',
        subjectId: id,
        detail: { fields: [...fields], via: 'import' },
      });
    for (const r of current) {
      if (r.reason) result.rejected.push({ line: r.line, reason: r.reason });
      else if (r.changed) result.imported++;
      else result.unchanged++;
      // C-03: a short secret is stored, with the reason to ask the detainee for a longer one.
      if (r.secretSet && (r.row.contact?.secret?.length ?? RECOMMENDED_SECRET_DIGITS) < RECOMMENDED_SECRET_DIGITS)
        result.warnings.push({ line: r.line, reason: SHORT_SECRET_WARNING });
    }
    opts.onProgress?.({ rows, bytes: parser.info.bytes });
  };

  input.on('error', (e) => parser.destroy(e));
  input.pipe(parser);
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      rows++;
      const parsed = parseImportRow(record);
      if (!parsed.ok) result.rejected.push({ line: info.lines, reason: parsed.reason });
      else batch.push({ line: info.lines, row: parsed.row, changed: false });
      if (batch.length >= batchSize) await flush();
    }
    await flush();
  } catch (e) {
    throw headerError ?? e;
  }
  result.rejected.sort((a, b) => a.line - b.line);
  result.warnings.sort((a, b) => a.line - b.line);
  deps.metrics?.importRows.inc({ result: 'imported' }, result.imported);
  deps.metrics?.importRows.inc({ result: 'unchanged' }, result.unchanged);
  deps.metrics?.importRows.inc({ result: 'rejected' }, result.rejected.length);
  await deps.repos.audit.append({
    actor,
    action: 'import.csv',
    subjectType: 'import',
    detail: { imported: result.imported, unchanged: result.unchanged, rejected: result.rejected.length },
  });
  deps.logger?.info({ imported: result.imported, unchanged: result.unchanged, rejected: result.rejected.length }, 'import:done');
  return result;
}
