import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** flows/NAME, found by walking up from this file, so it works from src/ (tsx) and from dist/src/ (build). */
export function flowDir(name: string): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'flows', name);
    if (existsSync(path.join(candidate, 'flow.yaml'))) return candidate;
    dir = path.dirname(dir);
  }
  return path.resolve('flows', name);
}
