import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

// Comments, prompts and docs cite requirements (C-, D-, O-, S-, A-) and Twilio facts (TW-) by id; each id must
// resolve in docs/requirements.md or docs/twilio-notes.md, so a reader of the repository can open what is cited.
const ROOT = path.resolve(import.meta.dirname, '../..');
const read = (p: string) => fs.readFileSync(path.join(ROOT, p), 'utf8');

function files(dir: string): string[] {
  return fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return rel.includes('twilio-oai') ? [] : files(rel);
    return /\.(ts|mjs|yaml|md)$/.test(e.name) ? [rel] : [];
  });
}

test('every requirement or Twilio-note id cited in the repository is defined in docs/', { timeout: 30_000 }, () => {
  const defined = new Set([
    ...[...read('docs/requirements.md').matchAll(/^\| ([CDOSA]-\d+) \|/gm)].map((m) => m[1]),
    ...[...read('docs/twilio-notes.md').matchAll(/\*\*(TW-\d+)\*\*/g)].map((m) => m[1]),
  ]);
  assert.ok(defined.size > 60, `the docs define the ids (${defined.size} found)`);
  const cited = new Map<string, string>();
  for (const file of [...files('src'), ...files('flows'), ...files('test'), ...files('bench'), 'README.md', '.env.example']) {
    for (const m of read(file).matchAll(/\b((?:TW|[CDOSA])-\d{2})\b/g)) if (!cited.has(m[1])) cited.set(m[1], file);
  }
  const unresolved = [...cited].filter(([id]) => !defined.has(id)).map(([id, file]) => `${id} (cited in ${file})`);
  assert.deepEqual(unresolved, []);
  assert.ok(cited.size > 40, `citations were found (${cited.size})`);
});

test('each id is defined once', { timeout: 30_000 }, () => {
  const all = [
    ...[...read('docs/requirements.md').matchAll(/^\| ([CDOSA]-\d+) \|/gm)].map((m) => m[1]),
    ...[...read('docs/twilio-notes.md').matchAll(/^- \*\*(TW-\d+)\*\*/gm)].map((m) => m[1]),
  ];
  assert.deepEqual(
    all.filter((id, i) => all.indexOf(id) !== i),
    [],
  );
});
