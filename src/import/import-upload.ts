import { Transform, type Readable } from 'node:stream';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError } from '../shared/errors.js';
import { importCsv, type ImportResult } from './import-csv.js';

/** Generous for a CSV of detainees and contacts, small enough that no upload can fill the disk or hold a worker long. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

const tooLarge = () =>
  new AppError('upload_too_large', `the file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB: split it and import the parts`, 413);

function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) done(tooLarge());
      else done(null, chunk);
    },
  });
}

/**
 * The CSV import of a file sent to the running server (the CLI beside it, or a script): the same use case as
 * `kinline import`, streamed, so the server's embedded database is not opened twice. The importer is the actor.
 */
export async function importUpload(ctx: AppContext, p: Principal, body: Readable, declaredBytes?: number): Promise<ImportResult> {
  // Refused before a row is read when the size is declared; otherwise counted as it streams.
  if (declaredBytes !== undefined && declaredBytes > MAX_UPLOAD_BYTES) throw tooLarge();
  const limited = byteLimit(MAX_UPLOAD_BYTES);
  body.on('error', (e) => limited.destroy(e));
  body.pipe(limited);
  return importCsv(
    { repos: ctx.repos, secretHashKey: ctx.config.security.secretHashKey, logger: ctx.logger, metrics: ctx.metrics },
    limited,
    { actor: p.username },
  );
}
