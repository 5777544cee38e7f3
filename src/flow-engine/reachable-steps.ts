import type { Flow, StepDef } from './types.js';
import { stepHandler } from './step-registry.js';
import { targetId } from './steps/common.js';

/**
 * The steps a call can reach from `from`, in the order first reached. `through(def)` false keeps a step but
 * does not follow its edges (e.g. stop at effects). Unknown step ids are skipped; `flows check` names them.
 */
export function reachableSteps(flow: Flow, from: readonly string[], through: (def: StepDef) => boolean = () => true): Set<string> {
  const seen = new Set<string>();
  const queue = [...from];
  while (queue.length) {
    const id = queue.shift()!;
    if (seen.has(id) || !Object.hasOwn(flow.steps, id)) continue;
    seen.add(id);
    const def = flow.steps[id];
    if (through(def)) for (const t of stepHandler(def.type).targets(def)) queue.push(targetId(t.target));
  }
  return seen;
}
