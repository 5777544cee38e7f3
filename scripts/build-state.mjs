// Whether `npm start` must build first: a fingerprint of every input of the build (each source file's path,
// size and modification time), compared with the one the last build left in dist/.build-stamp.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The files the build reads, relative to the root, sorted. */
export function buildInputs(root) {
  const out = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts')) out.push(rel);
    }
  };
  walk('src');
  for (const f of ['package.json', 'tsconfig.json', 'scripts/build.mjs']) if (fs.existsSync(path.join(root, f))) out.push(f);
  return out.sort();
}

/** One hash of the inputs' paths, sizes and modification times: any edit, new file or deletion changes it. */
export function fingerprint(root) {
  const h = createHash('sha256');
  for (const f of buildInputs(root)) {
    const s = fs.statSync(path.join(root, f));
    h.update(`${f}\0${s.size}\0${Math.trunc(s.mtimeMs)}\n`);
  }
  return h.digest('hex');
}

export const STAMP = 'dist/.build-stamp';

/**
 * Why a build is needed, or undefined when the built output matches the sources.
 * @param {{ current: string, stamp: string | undefined, entryExists: boolean }} s
 */
export function buildReason({ current, stamp, entryExists }) {
  if (!entryExists || stamp === undefined) return 'no build yet';
  if (stamp.trim() !== current) return 'sources changed';
  return undefined;
}

export function readStamp(root) {
  try {
    return fs.readFileSync(path.join(root, STAMP), 'utf8');
  } catch {
    return undefined;
  }
}
