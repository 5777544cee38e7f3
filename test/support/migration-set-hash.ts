import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const MIGRATIONS = path.resolve(import.meta.dirname, '../../src/storage/migrations');

/**
 * Names the migration set by its source, so a new or edited migration gets a new template database, and
 * an unchanged set reuses the one built by an earlier test file or run. Migrations import nothing of the
 * application (a migration must not change when the code does), so their own files are the whole input.
 */
export function migrationSetHash(): string {
  const hash = createHash('sha256');
  const files = fs.readdirSync(MIGRATIONS, { recursive: true, encoding: 'utf8' }).sort();
  for (const f of files) {
    const file = path.join(MIGRATIONS, f);
    if (fs.statSync(file).isFile()) hash.update(`${f}\0`).update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 12);
}
