import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadFlow, parseFlow, FlowLoadError } from '../../src/flow-engine/load-flow.js';
import { checkFlow } from '../../src/flow-engine/check-flow.js';
import { flowGraph } from '../../src/flow-engine/flow-graph.js';
import { HOTLINE_EFFECT_CATALOGUE } from '../../src/hotline/effects/index.js';

const fixtures = 'test/fixtures/flows';
const EXPECTED: Record<string, RegExp> = {
  'unknown-target': /goes to unknown step nowhere/,
  'missing-prompt': /thanks.text is missing in uk/,
  unreachable: /orphan: unreachable/,
  'no-empty-path': /no path for empty input/,
  'no-invalid-path': /no path for invalid input/,
  'endless-retry': /without onExhausted/,
  'speaks-death-ru': /prompts.ru.thanks.text: the text could speak a death/,
  'speaks-injury-en': /prompts.en.thanks.text: the text could speak a death/,
  'status-key': /names a death or injury status/,
  'unsafe-template': /not an allowed value set/,
};

describe('flows check', () => {
  it('the hotline flow passes, with every effect outcome mapped', async () => {
    assert.deepEqual(checkFlow(await loadFlow('flows/hotline'), HOTLINE_EFFECT_CATALOGUE), []);
  });
  for (const name of readdirSync(path.join(fixtures, 'good'))) {
    it(`good/${name} passes`, async () => assert.deepEqual(checkFlow(await loadFlow(path.join(fixtures, 'good', name))), []));
  }
  for (const name of readdirSync(path.join(fixtures, 'bad'))) {
    it(`bad/${name} is refused for the right reason`, async () => {
      const problems = checkFlow(await loadFlow(path.join(fixtures, 'bad', name)));
      assert.ok(EXPECTED[name], `fixture ${name} has an expectation`);
      assert.ok(problems.some((p) => EXPECTED[name].test(p)), problems.join('; '));
    });
  }
  it('an unmapped effect outcome is refused', async () => {
    const flow = await loadFlow('flows/hotline');
    const lookup = flow.steps.lookup as unknown as { outcomes: Record<string, string> };
    const broken = { ...flow, steps: { ...flow.steps, lookup: { ...flow.steps.lookup, outcomes: { ...lookup.outcomes, bad_news: undefined } } } };
    delete (broken.steps.lookup as unknown as { outcomes: Record<string, unknown> }).outcomes.bad_news;
    assert.ok(checkFlow(broken as never, HOTLINE_EFFECT_CATALOGUE).some((p) => /outcome bad_news has no target/.test(p)));
  });
  it('schema errors name the field', () => {
    assert.throws(() => parseFlow({ name: 'x', start: 'a', steps: { a: { type: 'menu', prompts: [], options: { '12': 'a' } } } }, {}), (e: Error) => e instanceof FlowLoadError && /steps.a.options.12/.test(e.message));
    assert.throws(() => parseFlow({ name: 'x', start: 'a', steps: { a: { type: 'teleport' } } }, {}), FlowLoadError);
  });
  it('graph is Mermaid with every step and edge', async () => {
    const g = flowGraph(await loadFlow('flows/hotline'));
    assert.match(g, /^%% flow hotline\nflowchart TD/);
    assert.match(g, /lookup -->\|bad_news\| bad_news/);
    assert.match(g, /main -.->\|retry\| main/);
  });
});
