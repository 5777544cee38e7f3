import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '../..');
// Inside the repository, so the bundles' package imports resolve to its node_modules.
const BUNDLES = path.join(ROOT, 'test-artifacts', 'bundles');

// Each module keeps its own import.meta.url and .dirname (the code finds flows/ and the repository root
// from them), as under tsx, instead of all taking the bundle's. (A regular expression, so that this file,
// bundled itself for a test file, still holds the words it looks for.)
const IMPORT_META = /\bimport\.meta\.(url|dirname)\b/g;
const ownImportMeta: Plugin = {
  name: 'own-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => ({
      loader: 'ts',
      contents: (await fs.promises.readFile(args.path, 'utf8')).replace(IMPORT_META, (_, key: string) =>
        JSON.stringify(key === 'url' ? pathToFileURL(args.path).href : path.dirname(args.path)),
      ),
    }));
  },
};

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Removes the bundles of processes that were killed (a timeout, Ctrl-C) and so could not remove their own. */
function removeOrphans(): void {
  for (const pid of fs.existsSync(BUNDLES) ? fs.readdirSync(BUNDLES) : []) {
    if (/^\d+$/.test(pid) && !running(Number(pid))) fs.rmSync(path.join(BUNDLES, pid), { recursive: true, force: true });
  }
}

let removeOnExit = false;

/**
 * Bundles the repository's TypeScript files `entries` (relative to the root) into one JavaScript file each,
 * with source maps, their packages left as imports, so plain `node` runs them: under `node --import tsx`
 * every module and every package import passes through the loader, seconds of CPU in each new process.
 * Returns the bundles' paths, in the order of `entries`; this process's bundles go when it exits.
 */
export async function bundleForNode(entries: string[]): Promise<string[]> {
  removeOrphans();
  const outdir = path.join(BUNDLES, String(process.pid));
  if (!removeOnExit) {
    process.once('exit', () => fs.rmSync(outdir, { recursive: true, force: true }));
    removeOnExit = true;
  }
  await build({
    entryPoints: entries.map((e) => path.join(ROOT, e)),
    outdir,
    outbase: ROOT,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    plugins: [ownImportMeta],
    logLevel: 'error',
  });
  return entries.map((e) => path.join(outdir, e.replace(/\.ts$/, '.mjs')));
}
