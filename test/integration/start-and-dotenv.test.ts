import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundledNodeArgs } from '../support/bundled-node-args.js';
import { buildInputs, buildReason, fingerprint } from '../../scripts/build-state.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** `kinline flows check` (it reads the configuration and nothing else) with `cwd` as working directory. */
async function kinlineIn(cwd: string, env: Record<string, string> = {}) {
  const args = await bundledNodeArgs('src/bin/kinline.ts');
  return new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [...args, 'flows', 'check'], {
      cwd,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

test('a .env in the working directory is read before the configuration; the environment wins', { timeout: 120_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinline-dotenv-'));
  try {
    const without = await kinlineIn(dir);
    assert.equal(without.code, 0, without.stderr);

    fs.writeFileSync(path.join(dir, '.env'), '# a trial\nOPERATOR_TIME_ZONE=Mars/Olympus_Mons\n');
    const bad = await kinlineIn(dir);
    assert.equal(bad.code, 2, bad.stderr);
    assert.match(bad.stderr, /configuration error: .*OPERATOR_TIME_ZONE/);

    const overridden = await kinlineIn(dir, { OPERATOR_TIME_ZONE: 'Europe/Kyiv' });
    assert.equal(overridden.code, 0, overridden.stderr);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('npm start rebuilds only when a source changed, was added or removed', { timeout: 30_000 }, () => {
  assert.equal(buildReason({ current: 'a', stamp: undefined, entryExists: false }), 'no build yet');
  assert.equal(buildReason({ current: 'a', stamp: 'a\n', entryExists: false }), 'no build yet');
  assert.equal(buildReason({ current: 'a', stamp: 'a\n', entryExists: true }), undefined);
  assert.equal(buildReason({ current: 'b', stamp: 'a\n', entryExists: true }), 'sources changed');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinline-build-'));
  try {
    fs.mkdirSync(path.join(dir, 'src/bin'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'src/bin/kinline.ts'), 'export {};\n');
    fs.writeFileSync(path.join(dir, 'package.json'), '{}\n');
    const built = fingerprint(dir);
    assert.equal(fingerprint(dir), built, 'nothing changed: the same fingerprint, so no build');
    fs.writeFileSync(path.join(dir, 'src/bin/kinline.ts'), 'export const changed = 1;\n');
    const edited = fingerprint(dir);
    assert.notEqual(edited, built, 'an edited source');
    fs.writeFileSync(path.join(dir, 'src/bin/new.ts'), 'export {};\n');
    const added = fingerprint(dir);
    assert.notEqual(added, edited, 'a new source');
    fs.rmSync(path.join(dir, 'src/bin/new.ts'));
    assert.notEqual(fingerprint(dir), added, 'a removed source');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  // The repository's own build reads every source of src/ and the build's configuration.
  const inputs = buildInputs(ROOT);
  assert.ok(inputs.includes(path.join('src', 'bin', 'kinline.ts')) && inputs.includes('package.json'));
  assert.ok(!inputs.some((f) => f.startsWith('test')));
});
