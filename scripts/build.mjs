// The fast build `npm start` runs: esbuild transpiles every file of src/ to dist/src/ (the layout `tsc`
// gives), without type checking: `npm test` and `npx tsc -p tsconfig.json --noEmit` check the types.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildInputs, fingerprint, STAMP } from './build-state.mjs';

export async function buildKinline(root) {
  const current = fingerprint(root);
  await build({
    absWorkingDir: root,
    entryPoints: buildInputs(root).filter((f) => f.startsWith('src' + path.sep) || f.startsWith('src/')),
    outdir: 'dist/src',
    outbase: 'src',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    logLevel: 'warning',
  });
  fs.writeFileSync(path.join(root, STAMP), `${current}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildKinline(path.resolve(import.meta.dirname, '..'));
