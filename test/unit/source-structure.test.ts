import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

// The shape of src/: small files, and no import cycle between its folders (each top-level folder of src/, with
// its subfolders, is one unit; src/ itself holds the application context and the entry points).
const SRC = path.resolve(import.meta.dirname, '../../src');
const MAX_LINES = 250;

function files(dir = SRC): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
}
const folderOf = (file: string) => path.relative(SRC, path.dirname(file)).split(path.sep)[0] || '.';

/** The folder graph: an edge a -> b with one import that makes it. */
function folderGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of files()) {
    for (const m of fs.readFileSync(file, 'utf8').matchAll(/from '(\.[^']+)'/g)) {
      const [a, b] = [folderOf(file), folderOf(path.resolve(path.dirname(file), m[1]))];
      if (a === b) continue;
      if (!graph.has(a)) graph.set(a, new Map());
      graph.get(a)!.set(b, `${path.relative(SRC, file)} imports ${m[1]}`);
    }
  }
  return graph;
}

/** A cycle through the graph as the list of its edges' witnesses, or undefined. */
function findCycle(graph: Map<string, Map<string, string>>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (v: string): string[] | undefined => {
    state.set(v, 'open');
    stack.push(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (state.get(w) === 'open') {
        const loop = [...stack.slice(stack.indexOf(w)), w];
        return loop.slice(1).map((to, i) => `${loop[i]} -> ${to} (${graph.get(loop[i])!.get(to)})`);
      }
      if (!state.has(w)) {
        const found = visit(w);
        if (found) return found;
      }
    }
    stack.pop();
    state.set(v, 'done');
    return undefined;
  };
  for (const v of graph.keys()) if (!state.has(v)) return visit(v) ?? findCycle(new Map([...graph].filter(([k]) => !state.has(k))));
  return undefined;
}

test(`no source file is longer than ${MAX_LINES} lines`, { timeout: 30_000 }, () => {
  const long = files()
    .map((f) => [path.relative(SRC, f), fs.readFileSync(f, 'utf8').split('\n').length - 1] as const)
    .filter(([, n]) => n > MAX_LINES);
  assert.deepEqual(long, []);
});

test('no import cycle between the folders of src/', { timeout: 30_000 }, () => {
  const graph = folderGraph();
  assert.ok(graph.get('hotline')?.has('storage'), 'the graph is read (hotline uses storage)');
  assert.equal(findCycle(graph)?.join('\n'), undefined);
  // The check finds a cycle when there is one.
  const withCycle = new Map(graph);
  withCycle.set('storage', new Map([...(graph.get('storage') ?? []), ['hotline', 'a test edge']]));
  assert.ok(findCycle(withCycle));
});
