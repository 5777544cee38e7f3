import type { Flow } from './types.js';
import { stepHandler } from './step-registry.js';
import { targetId } from './steps/common.js';

/** A Mermaid flowchart of the steps and their labelled edges (`kinline flows graph`). */
export function flowGraph(flow: Flow): string {
  const lines = [`%% flow ${flow.name}`, 'flowchart TD'];
  for (const [id, def] of Object.entries(flow.steps)) {
    const shape = def.type === 'hangup' || def.type === 'enqueue' ? [`(["`, `"])`] : def.type === 'effect' ? [`{{"`, `"}}`] : [`["`, `"]`];
    lines.push(`  ${id}${shape[0]}${id}<br/><i>${def.type}</i>${shape[1]}`);
  }
  lines.push(`  __start((start)) --> ${flow.start}`);
  for (const [id, def] of Object.entries(flow.steps)) {
    for (const t of stepHandler(def.type).targets(def)) lines.push(`  ${id} -->|${t.label.replace(/[|"]/g, '')}| ${targetId(t.target)}`);
    const s = def as Record<string, unknown>;
    if (s.onEmpty === 'retry' || s.onInvalid === 'retry') lines.push(`  ${id} -.->|retry| ${id}`);
  }
  return lines.join('\n');
}
