// `npm start`: builds kinline only when its sources changed since the last build, says which, then runs
// `kinline serve` (arguments after `npm start --` go to kinline).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildReason, fingerprint, readStamp } from './build-state.mjs';

const root = path.resolve(import.meta.dirname, '..');
const entry = path.join(root, 'dist/src/bin/kinline.js');
const reason = buildReason({ current: fingerprint(root), stamp: readStamp(root), entryExists: fs.existsSync(entry) });
if (reason) {
  process.stderr.write(`building kinline (${reason})…\n`);
  const { buildKinline } = await import('./build.mjs');
  await buildKinline(root);
}
process.stderr.write('starting the built kinline…\n');
const args = process.argv.slice(2);
process.argv = [process.argv[0], entry, ...(args.length ? args : ['serve'])];
await import(pathToFileURL(entry).href);
