// `npm test`: every test file (or the files named: `npm test -- test/unit/config.test.ts`) under node's
// test runner, as many files at once as the machine has cores. A single file also runs as it is, with
// `node --import tsx --test FILE`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleForNode } from './support/bundle-for-node.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const named = process.argv.slice(2).map((f) => path.relative(ROOT, path.resolve(f)));
// The integration tests first: the longest files start early and the short unit tests fill in at the end.
const files = named.length
  ? named
  : ['test/integration', 'test/unit'].flatMap((dir) =>
      fs
        .readdirSync(path.join(ROOT, dir))
        .filter((f) => f.endsWith('.test.ts'))
        .map((f) => `${dir}/${f}`),
    );

// Each test file runs from its bundle: under tsx every module and package import of each test process
// passes through the loader, about two seconds of CPU per file.
const bundles = await bundleForNode(files);
const child = spawn(
  process.execPath,
  [
    // V8's background optimisation of PGlite's 10 MB of WebAssembly competes with the tests for the CPU and
    // does not pay back within one test file: without this the suite takes a fifth more CPU time.
    '--liftoff-only',
    '--enable-source-maps',
    '--test',
    `--test-concurrency=${os.availableParallelism()}`,
    ...bundles,
  ],
  { cwd: ROOT, stdio: 'inherit' },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
