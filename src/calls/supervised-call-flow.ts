import type { Flow } from '../flow-engine/types.js';
import { loadFlow } from '../flow-engine/load-flow.js';
import { checkFlow } from '../flow-engine/check-flow.js';
import { flowDir } from '../flow-engine/flow-dir.js';
import { reachableSteps } from '../flow-engine/reachable-steps.js';
import { stepHandler } from '../flow-engine/step-registry.js';
import { SUPERVISED_CALL_EFFECT_CATALOGUE } from './supervised-call-effects.js';
import { AMD_REDIRECT_STEP, FAMILY_WAIT_STEP } from './outbound-urls.js';
import { CALL_LEGS, type CallLeg } from './call-legs.js';

export interface SupervisedCallFlow {
  flow: Flow;
  /** The steps each leg's documents can wait at: a post for any other step is not this leg's. */
  waits: Record<CallLeg, ReadonlySet<string>>;
}

/** Loads flows/supervised-call and refuses it unless it passes `flows check` and has every leg's entry. */
export async function loadSupervisedCallFlow(dir = flowDir('supervised-call')): Promise<SupervisedCallFlow> {
  const flow = await loadFlow(dir);
  const problems = checkFlow(flow, SUPERVISED_CALL_EFFECT_CATALOGUE);
  const waits = {} as Record<CallLeg, ReadonlySet<string>>;
  for (const leg of CALL_LEGS) {
    if (!Object.hasOwn(flow.entries, leg)) problems.push(`no entry ${leg}`);
    const steps = [...reachableSteps(flow, Object.hasOwn(flow.entries, leg) ? [flow.entries[leg]] : [])];
    waits[leg] = new Set(steps.filter((id) => flow.steps[id].type !== 'effect' && stepHandler(flow.steps[id].type).input));
  }
  if (!waits.relative.has(AMD_REDIRECT_STEP))
    problems.push(`the relative's leg cannot wait at ${AMD_REDIRECT_STEP}, where a person is redirected after AMD`);
  if (!waits.facility.has(FAMILY_WAIT_STEP))
    problems.push(`the facility's leg cannot wait at ${FAMILY_WAIT_STEP}, where it is redirected once the family accepted`);
  if (problems.length) throw new Error(`the supervised-call flow fails its checks: ${problems.join('; ')}`);
  return { flow, waits };
}
