import type { Flow } from './types.js';
import { stepHandler } from './step-registry.js';
import { targetId } from './steps/common.js';

const END_STEPS = ['hangup', 'enqueue', 'announce', 'conference'];

/** A Mermaid flowchart of the steps and their labelled edges (`kinline flows graph`). */
export function flowGraph(flow: Flow): string {
  const lines = [`%% flow ${flow.name}`, 'flowchart TD'];
  for (const [id, def] of Object.entries(flow.steps)) {
    const shape = END_STEPS.includes(def.type) ? [`(["`, `"])`] : def.type === 'effect' ? [`{{"`, `"}}`] : [`["`, `"]`];
    lines.push(`  ${id}${shape[0]}${id}<br/><i>${def.type}</i>${shape[1]}`);
  }
  for (const [name, id] of Object.entries(flow.entries)) lines.push(`  __${name}((${name})) --> ${id}`);
  for (const [id, def] of Object.entries(flow.steps)) {
    for (const t of stepHandler(def.type).targets(def)) lines.push(`  ${id} -->|${t.label.replace(/[|"]/g, '')}| ${targetId(t.target)}`);
    const s = def as Record<string, unknown>;
    if (s.onEmpty === 'retry' || s.onInvalid === 'retry') lines.push(`  ${id} -.->|retry| ${id}`);
  }
  return lines.join('\n');
}
