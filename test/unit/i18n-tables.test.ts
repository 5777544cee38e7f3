import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

// The console's strings are spread from several files into one table per language (src/console/i18n-en.ts):
// a key defined in two of them is silently taken from the later one, so one page shows another's words.
const DIR = path.resolve('src/console');

for (const lang of ['en', 'uk']) {
  test(`each ${lang} console string is defined in one file only`, { timeout: 5_000 }, () => {
    const files = readdirSync(DIR).filter((f) => f.startsWith('i18n') && f.endsWith(`-${lang}.ts`));
    assert.ok(files.length > 5, `found the ${lang} tables`);
    const where = new Map<string, string[]>();
    for (const f of files) {
      for (const m of readFileSync(path.join(DIR, f), 'utf8').matchAll(/^ {2}(\w+):/gm)) where.set(m[1], [...(where.get(m[1]) ?? []), f]);
    }
    const twice = [...where].filter(([, fs]) => fs.length > 1).map(([k, fs]) => `${k} in ${fs.join(', ')}`);
    assert.deepEqual(twice, []);
  });
}
