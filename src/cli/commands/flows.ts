import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { action, printJson } from '../run-command.js';
import { loadFlow } from '../../flow-engine/load-flow.js';
import { checkFlow, type EffectCatalogue } from '../../flow-engine/check-flow.js';
import { flowGraph } from '../../flow-engine/flow-graph.js';
import { HOTLINE_EFFECT_CATALOGUE } from '../../hotline/effects/index.js';
import { SUPERVISED_CALL_EFFECT_CATALOGUE } from '../../calls/supervised-call-effects.js';
import { flowDir } from '../../flow-engine/flow-dir.js';

/** The use cases each flow may run, by the flow's name; any other flow (a test fixture) may name any of them. */
const EFFECTS_OF: Record<string, EffectCatalogue> = {
  hotline: HOTLINE_EFFECT_CATALOGUE,
  'supervised-call': SUPERVISED_CALL_EFFECT_CATALOGUE,
};
const ALL_EFFECTS: EffectCatalogue = Object.assign({}, ...Object.values(EFFECTS_OF));
export const effectsOf = (flowName: string): EffectCatalogue => (Object.hasOwn(EFFECTS_OF, flowName) ? EFFECTS_OF[flowName] : ALL_EFFECTS);

/** The flow directories given, or every flows/NAME/ with a flow.yaml. */
function flowDirs(dirs: string[]): string[] {
  if (dirs.length) return dirs;
  const root = path.dirname(flowDir('hotline'));
  return readdirSync(root)
    .map((d) => path.join(root, d))
    .filter((d) => existsSync(path.join(d, 'flow.yaml')));
}

export function registerFlows(program: Command) {
  const flows = program.command('flows').description('the IVR flows in flows/ (data, validated at load)');
  flows
    .command('check [dirs...]')
    .description(
      'fail on unknown targets and entries, missing prompts and plural forms, unreachable steps, missing empty/invalid paths, anything that could speak a death or injury status, and a name spoken before the person pressed a key',
    )
    .option('--json', 'print the problems as JSON')
    .action(
      action(async (_config, dirs: string[], o: { json?: boolean }) => {
        const report: Array<{ dir: string; problems: string[] }> = [];
        for (const dir of flowDirs(dirs)) {
          try {
            const flow = await loadFlow(dir);
            report.push({ dir, problems: checkFlow(flow, effectsOf(flow.name)) });
          } catch (e) {
            report.push({ dir, problems: [(e as Error).message] });
          }
        }
        if (o.json) printJson(report);
        else
          for (const r of report)
            process.stdout.write(
              r.problems.length
                ? `${r.dir}: ${r.problems.length} problem(s)\n${r.problems.map((p) => `  - ${p}\n`).join('')}`
                : `${r.dir}: ok\n`,
            );
        if (report.some((r) => r.problems.length)) process.exitCode = 1;
      }),
    );
  flows
    .command('graph [dirs...]')
    .description('print a Mermaid diagram of each flow')
    .action(
      action(async (_config, dirs: string[]) => {
        for (const dir of flowDirs(dirs)) process.stdout.write(`${flowGraph(await loadFlow(dir))}\n\n`);
      }),
    );
}
