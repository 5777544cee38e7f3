import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { ESLint } from 'eslint';
import * as prettier from 'prettier';

// prettier and eslint (with the import boundaries of eslint.config.js) over the whole tree, as part of `npm test`.
const ROOT = path.resolve(import.meta.dirname, '../..');
const SOURCES = ['src', 'test', 'bench'];

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (rel !== path.join('test', 'fixtures')) walk(rel);
      } else if (/\.(ts|js)$/.test(e.name)) out.push(rel);
    }
  };
  for (const d of SOURCES) walk(d);
  return [...out, 'eslint.config.js'];
}

test('every source file is formatted by prettier', { timeout: 120_000 }, async () => {
  const options = (await prettier.resolveConfig(path.join(ROOT, 'src', 'x.ts'))) ?? {};
  const unformatted = [];
  for (const file of sourceFiles()) {
    if (!(await prettier.check(fs.readFileSync(path.join(ROOT, file), 'utf8'), { ...options, filepath: file }))) unformatted.push(file);
  }
  assert.deepEqual(unformatted, [], 'run `npx prettier --write "**/*.{ts,js}"`');
});

test('eslint finds no problem', { timeout: 120_000 }, async () => {
  const results = await new ESLint({ cwd: ROOT }).lintFiles(['.']);
  const problems = results.flatMap((r) => r.messages.map((m) => `${path.relative(ROOT, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`));
  assert.deepEqual(problems, []);
});

test('the import boundaries are enforced: twilio, bullmq and SQL each in their one home', { timeout: 60_000 }, async () => {
  const eslint = new ESLint({ cwd: ROOT });
  const refused = async (code: string, file: string) => {
    const [r] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
    return r.messages.some((m) => m.ruleId === 'no-restricted-imports');
  };
  const cases: Array<[string, string, boolean]> = [
    ["import twilio from 'twilio';", 'src/hotline/x.ts', true],
    ["import twilio from 'twilio';", 'src/telephony/twilio/x.ts', false],
    ["import { Queue } from 'bullmq';", 'src/calls/x.ts', true],
    ["import { Queue } from 'bullmq';", 'src/queue/x.ts', false],
    ["import { Worker } from 'bullmq';", 'src/worker/x.ts', false],
    ["import { sql } from 'kysely';", 'src/console/x.ts', true],
    ["import { sql } from 'kysely';", 'src/storage/x.ts', false],
    ["import pg from 'pg';", 'src/http/x.ts', true],
    ["import { SEARCH_LIMIT } from '../storage/repositories/detainee-repository.js';", 'src/records/x.ts', true],
    ["import { createRepositories } from '../storage/repositories/index.js';", 'src/records/x.ts', false],
    ["import type { Detainee } from '../storage/schema.js';", 'src/records/x.ts', false],
    ["import { up } from '../storage/migrations/001-initial.js';", 'src/cli/x.ts', true],
  ];
  for (const [code, file, expected] of cases) assert.equal(await refused(code, file), expected, `${file}: ${code}`);
});
