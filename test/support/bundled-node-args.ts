import { bundleForNode } from './bundle-for-node.js';

const bundles = new Map<string, Promise<string>>();

/**
 * The arguments for `node` that run the repository's TypeScript file `entry` (relative to the root) as a
 * test's child process, as `node --import tsx entry` would, in well under half the CPU time: its bundle
 * (bundleForNode, built once per test file), under `--liftoff-only`, as `npm test` runs the tests
 * (test/run-tests.ts says why).
 */
export async function bundledNodeArgs(entry: string): Promise<string[]> {
  let bundle = bundles.get(entry);
  if (!bundle) {
    bundle = bundleForNode([entry]).then(([file]) => file);
    bundles.set(entry, bundle);
  }
  return ['--liftoff-only', '--enable-source-maps', await bundle];
}
