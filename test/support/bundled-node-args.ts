import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '../..');
// Inside the repository, so the bundle's package imports resolve to its node_modules.
const OUT = path.join(ROOT, 'test-artifacts', 'bundles');
const bundles = new Map<string, Promise<string>>();

const running = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/** Bundles of test files that were killed (a timeout, Ctrl-C) and so could not remove their own. */
function removeOrphans(): void {
  for (const f of fs.existsSync(OUT) ? fs.readdirSync(OUT) : []) {
    const pid = Number(/-(\d+)\.mjs$/.exec(f)?.[1]);
    if (pid && !running(pid)) fs.rmSync(path.join(OUT, f), { force: true });
  }
}

/**
 * The arguments for `node` that run the repository's TypeScript file `entry` (relative to the root) as a
 * test's child process, doing what `node --import tsx entry` does in well under half the CPU time:
 * - `entry` bundled into one JavaScript file with its packages left as imports, because tsx compiles every
 *   module, and slows the loading of every package, each time a process starts. Built once per test file
 *   under test-artifacts/, removed when the test file's process exits;
 * - `--liftoff-only`, as `npm test` itself runs: V8's background optimisation of PGlite's 10 MB of
 *   WebAssembly competes with the test for the CPU and does not pay back within a short-lived process.
 */
export async function bundledNodeArgs(entry: string): Promise<string[]> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    removeOrphans();
    const outfile = path.join(OUT, `${path.basename(entry, '.ts')}-${process.pid}.mjs`);
    bundle = build({ entryPoints: [path.join(ROOT, entry)], outfile, bundle: true, platform: 'node', format: 'esm', packages: 'external', logLevel: 'error' }).then(() => {
      process.once('exit', () => fs.rmSync(outfile, { force: true }));
      return outfile;
    });
    bundles.set(entry, bundle);
  }
  return ['--liftoff-only', await bundle];
}
