import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { loadFlow, parseFlow, FlowLoadError } from '../../src/flow-engine/load-flow.js';
import { checkFlow } from '../../src/flow-engine/check-flow.js';
import { flowGraph } from '../../src/flow-engine/flow-graph.js';
import { HOTLINE_EFFECT_CATALOGUE } from '../../src/hotline/effects/index.js';
import { SUPERVISED_CALL_EFFECT_CATALOGUE } from '../../src/calls/supervised-call-effects.js';
import { effectsOf } from '../../src/cli/commands/flows.js';
import { effectStep } from '../../src/flow-engine/steps/effect.js';
import { cpSync, mkdtempSync, appendFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import type { Flow } from '../../src/flow-engine/types.js';
import type { Language } from '../../src/storage/schema.js';
import { runCli } from '../support/run-cli.js';
import { pluralKey } from '../../src/flow-engine/plural-forms.js';

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
  'error-covers-bad-news': /lookup: effect answerStatusQuery outcome bad_news has no target \(an error: fallback never covers bad_news/,
  'bad-news-discloses': /lookup: the bad_news path reaches disclosure, which speaks disclosure.held/,
  'unknown-entry': /entry other goes to unknown step missing_wait/,
  'named-notice': /who: speaks \{name\} \(who.text\) before any use case has checked who answered \(O-02\)/,
  'missing-plural': /ask: prompt ask.length.few is missing in ru/,
  'unsafe-text-value': /prompts.en.bye.text: the text fills \{phone\}, which is not an allowed value$/,
  'values-differ': /prompts.en.ask.length.one: the text fills other values than prompts.ru.ask.length.one/,
  'counted-by-name': /prompt ask.length is counted by name, which is not an allowed number/,
};

describe('flows check', () => {
  it('the hotline flow passes, with every effect outcome mapped', { timeout: 30_000 }, async () => {
    assert.deepEqual(checkFlow(await loadFlow('flows/hotline'), HOTLINE_EFFECT_CATALOGUE), []);
  });
  it('the supervised-call flow passes, with every effect outcome mapped', { timeout: 30_000 }, async () => {
    assert.deepEqual(checkFlow(await loadFlow('flows/supervised-call'), SUPERVISED_CALL_EFFECT_CATALOGUE), []);
  });
  it('the supervised-call flow names the detainee only after the notice was answered (O-02)', { timeout: 30_000 }, async () => {
    const flow = await loadFlow('flows/supervised-call');
    const notice = flow.steps.notice as unknown as { prompts: string[] };
    const broken = {
      ...flow,
      steps: { ...flow.steps, notice: { ...flow.steps.notice, prompts: [...notice.prompts, 'relative_intro_{named}'] } },
    };
    assert.ok(
      checkFlow(broken as never, SUPERVISED_CALL_EFFECT_CATALOGUE).some((p) => /notice: speaks \{name\} \(relative_intro_named\)/.test(p)),
    );
    // The check follows the flow, not a step's name: the wait before the notice may not speak it either.
    const early = { ...flow, entries: { ...flow.entries, relative: 'acceptance' } };
    assert.ok(checkFlow(early as never, SUPERVISED_CALL_EFFECT_CATALOGUE).some((p) => /acceptance: speaks \{name\}/.test(p)));
  });
  it('a counted prompt needs every plural form of each language', { timeout: 30_000 }, async () => {
    const flow = await loadFlow('flows/supervised-call');
    const { 'briefing_length.many': _many, ...ru } = flow.prompts.ru;
    const problems = checkFlow({ ...flow, prompts: { ...flow.prompts, ru } }, SUPERVISED_CALL_EFFECT_CATALOGUE);
    assert.ok(
      problems.some((p) => /briefing: prompt briefing_length.many is missing in ru/.test(p)),
      problems.join('; '),
    );
    // English has only one and other: a flow needs no "few" there.
    assert.equal(flow.prompts.en['briefing_length.few'], undefined);
  });
  for (const name of readdirSync(path.join(fixtures, 'good'))) {
    it(`good/${name} passes`, { timeout: 30_000 }, async () =>
      assert.deepEqual(checkFlow(await loadFlow(path.join(fixtures, 'good', name))), []),
    );
  }
  for (const name of readdirSync(path.join(fixtures, 'bad'))) {
    it(`bad/${name} is refused for the right reason`, { timeout: 30_000 }, async () => {
      // As `kinline flows check` runs it: with the catalogue of the effects that exist.
      const flow = await loadFlow(path.join(fixtures, 'bad', name));
      const problems = checkFlow(flow, effectsOf(flow.name));
      assert.ok(EXPECTED[name], `fixture ${name} has an expectation`);
      assert.ok(
        problems.some((p) => EXPECTED[name].test(p)),
        problems.join('; '),
      );
    });
  }
  it('an unmapped effect outcome is refused', { timeout: 30_000 }, async () => {
    const flow = await loadFlow('flows/hotline');
    const lookup = flow.steps.lookup as unknown as { outcomes: Record<string, string> };
    const broken = {
      ...flow,
      steps: { ...flow.steps, lookup: { ...flow.steps.lookup, outcomes: { ...lookup.outcomes, bad_news: undefined } } },
    };
    delete (broken.steps.lookup as unknown as { outcomes: Record<string, unknown> }).outcomes.bad_news;
    assert.ok(checkFlow(broken as never, HOTLINE_EFFECT_CATALOGUE).some((p) => /outcome bad_news has no target/.test(p)));
  });
  it('error: never covers negative either, and the start-up loader refuses such a flow', { timeout: 30_000 }, async () => {
    const flow = await loadFlow('flows/hotline');
    const lookup = flow.steps.lookup as unknown as { outcomes: Record<string, string> };
    const { negative: _n, ...rest } = lookup.outcomes;
    const broken = { ...flow, steps: { ...flow.steps, lookup: { ...flow.steps.lookup, outcomes: { ...rest, error: 'disclosure' } } } };
    assert.ok(
      checkFlow(broken as never, HOTLINE_EFFECT_CATALOGUE).some((p) => /outcome negative has no target \(an error: fallback/.test(p)),
    );
  });
  it('at run time an unmapped bad_news goes to the negative answer, never to error', { timeout: 30_000 }, () => {
    const outcomes = { disclosed: 'disclosure', negative: 'negative', error: 'disclosure' };
    const step = { type: 'effect', name: 'answerStatusQuery', outcomes };
    assert.deepEqual(effectStep.input!(step as never, { kind: 'effect', outcome: 'bad_news' }, undefined as never), {
      goto: 'negative',
      vars: undefined,
    });
    assert.deepEqual(effectStep.input!(step as never, { kind: 'effect', outcome: 'other' }, undefined as never), {
      goto: 'disclosure',
      vars: undefined,
    });
    const noNegative = { ...step, outcomes: { disclosed: 'disclosure', error: 'disclosure' } };
    assert.throws(
      () => effectStep.input!(noNegative as never, { kind: 'effect', outcome: 'bad_news' }, undefined as never),
      /unmapped outcome bad_news/,
    );
    assert.throws(
      () => effectStep.input!(noNegative as never, { kind: 'effect', outcome: 'negative' }, undefined as never),
      /unmapped outcome negative/,
    );
  });
  it('a flow needs a start or entries, and its entries are checked like its steps', { timeout: 30_000 }, () => {
    assert.throws(
      () => parseFlow({ name: 'x', steps: { a: { type: 'hangup' } } }, {}),
      (e: Error) => e instanceof FlowLoadError && /a flow needs start or entries/.test(e.message),
    );
    assert.throws(
      () => parseFlow({ name: 'x', start: 'a', entries: { start: 'a' }, steps: { a: { type: 'hangup' } } }, {}),
      /start is the entry start/,
    );
    assert.throws(
      () => parseFlow({ name: 'x', entries: { 'Leg-1': 'a' }, steps: { a: { type: 'hangup' } } }, {}),
      (e: Error) => /entries.Leg-1/.test(e.message),
    );
  });
  it('schema errors name the field', { timeout: 30_000 }, () => {
    assert.throws(
      () => parseFlow({ name: 'x', start: 'a', steps: { a: { type: 'menu', prompts: [], options: { '12': 'a' } } } }, {}),
      (e: Error) => e instanceof FlowLoadError && /steps.a.options.12/.test(e.message),
    );
    assert.throws(() => parseFlow({ name: 'x', start: 'a', steps: { a: { type: 'teleport' } } }, {}), FlowLoadError);
  });
  it('graph is Mermaid with every step and edge', { timeout: 30_000 }, async () => {
    const g = flowGraph(await loadFlow('flows/hotline'));
    assert.match(g, /^%% flow hotline\nflowchart TD/);
    assert.match(g, /lookup -->\|bad_news\| bad_news/);
    assert.match(g, /main -.->\|retry\| main/);
    const sc = flowGraph(await loadFlow('flows/supervised-call'));
    assert.match(sc, /__relative\(\(relative\)\) --> accept/);
    assert.match(sc, /notice_answer -->\|join\| acceptance/);
  });
});

// What a kind speaker might write instead of the plain words (C-07), and places or capture (C-06, D-08), per
// language. Each must fail the check when added to a copy of either flow's prompts.
const EUPHEMISMS: Record<Language, string[]> = {
  ru: [
    'Его больше нет с нами.',
    'Его не стало.',
    'Он ушёл из жизни.',
    'Он скончался.',
    'Он пропал без вести.',
    'Примите наши соболезнования в связи с утратой.',
  ],
  uk: [
    'Його більше немає з нами.',
    'Його не стало.',
    'Він пішов з життя.',
    'Він відійшов у вічність.',
    'Він зник безвісти.',
    'Співчуваємо вашій втраті.',
  ],
  en: ['His life ended.', 'He passed away.', 'We lost him.', 'He is no longer with us.', 'He has fallen.', 'He is missing in action.'],
};
const PLACES: Record<Language, string[]> = {
  ru: [
    'Он взят под стражу.',
    'Он находится в колонии.',
    'Он содержится в лагере.',
    'Он в тюрьме.',
    'Он в СИЗО.',
    'Он в плену в Курской области.',
    'Он сдался в плен.',
  ],
  uk: [
    'Його взято під варту.',
    'Він у колонії.',
    'Він у полоні в Курську.',
    'Він утримується в таборі.',
    "Він у в'язниці.",
    'Він у СІЗО.',
    'Він здався в полон.',
  ],
  en: [
    'He is held at a camp.',
    'He is held in Rostov.',
    'He is in a penal colony.',
    'He is in prison.',
    'He surrendered.',
    'He was captured near the river.',
  ],
};
const GREETINGS: Record<Language, string> = { ru: 'Добрый день.', uk: 'Доброго дня.', en: 'Good afternoon.' };

/** The flow with `text` put after the text of prompt `key` in `lang`: a test copy, the files untouched. */
const withText = (flow: Flow, lang: Language, key: string, text: string): Flow => ({
  ...flow,
  prompts: { ...flow.prompts, [lang]: { ...flow.prompts[lang], [key]: `${flow.prompts[lang][key]} ${text}` } },
});

describe('flows check: euphemisms, places and greetings by the hour, in every language and both flows', () => {
  const flows = [
    { dir: 'flows/hotline', key: 'disclosure.held' },
    { dir: 'flows/supervised-call', key: 'connecting' },
  ];
  for (const lang of ['ru', 'uk', 'en'] as const) {
    it(`${lang}: each euphemism of death is refused`, { timeout: 30_000 }, async () => {
      for (const { dir, key } of flows) {
        const flow = await loadFlow(dir);
        assert.deepEqual(checkFlow(flow, effectsOf(flow.name)), [], `${dir} passes as it is`);
        for (const phrase of EUPHEMISMS[lang]) {
          const problems = checkFlow(withText(flow, lang, key, phrase), effectsOf(flow.name));
          assert.ok(
            problems.includes(`prompts.${lang}.${key}: the text could speak a death or injury status (C-07)`),
            `${dir}: "${phrase}" passed: ${problems.join('; ')}`,
          );
        }
      }
    });
    it(`${lang}: each place of detention or word of capture is refused`, { timeout: 30_000 }, async () => {
      for (const { dir, key } of flows) {
        const flow = await loadFlow(dir);
        for (const phrase of PLACES[lang]) {
          const problems = checkFlow(withText(flow, lang, key, phrase), effectsOf(flow.name));
          assert.ok(
            problems.includes(`prompts.${lang}.${key}: the text could name a place of detention or how he was captured (C-06, D-08)`),
            `${dir}: "${phrase}" passed: ${problems.join('; ')}`,
          );
        }
      }
    });
    it(`${lang}: a greeting that names the time of day is refused`, { timeout: 30_000 }, async () => {
      const flow = await loadFlow('flows/hotline');
      const problems = checkFlow(withText(flow, lang, 'greeting.who', GREETINGS[lang]), HOTLINE_EFFECT_CATALOGUE);
      assert.ok(problems.includes(`prompts.${lang}.greeting.who: the text greets by the time of day, wrong at some hours (C-01)`));
    });
  }
  it(
    'ordinary words of a call stay allowed: "in captivity" alone, a lost line, a missing relative, prisoners of war',
    { timeout: 30_000 },
    async () => {
      const flow = await loadFlow('flows/supervised-call');
      const fine: Record<Language, string> = {
        ru: 'Он находится в плену. Если связь будет утрачена, мы перезвоним. Сообщите о пропавшем родственнике.',
        uk: "Він перебуває в полоні. Якщо зв'язок буде втрачено, ми передзвонимо. Повідомте про зниклого родича.",
        en: 'He is a prisoner of war. If the line is lost, we will call again. Report a missing relative. Please hold.',
      };
      for (const lang of ['ru', 'uk', 'en'] as const)
        assert.deepEqual(checkFlow(withText(flow, lang, 'connecting', fine[lang]), SUPERVISED_CALL_EFFECT_CATALOGUE), [], lang);
    },
  );
  it(
    '`kinline flows check` reads the supervised-call prompts: a copy with a euphemism fails, naming it',
    { timeout: 120_000 },
    async () => {
      const root = mkdtempSync(path.join(os.tmpdir(), 'kinline-flows-'));
      try {
        for (const name of ['hotline', 'supervised-call']) cpSync(path.join('flows', name), path.join(root, name), { recursive: true });
        appendFileSync(path.join(root, 'supervised-call', 'prompts.uk.yaml'), 'extra_line: "Він у полоні в Курську."\n');
        appendFileSync(path.join(root, 'supervised-call', 'prompts.ru.yaml'), 'extra_line: "Его больше нет с нами."\n');
        const r = await runCli(['flows', 'check', '--json', path.join(root, 'hotline'), path.join(root, 'supervised-call')], {});
        assert.equal(r.code, 1, r.stderr);
        const report = JSON.parse(r.stdout) as Array<{ dir: string; problems: string[] }>;
        assert.deepEqual(report[0].problems, [], 'the hotline copy is untouched');
        assert.ok(
          report[1].problems.includes(
            'prompts.uk.extra_line: the text could name a place of detention or how he was captured (C-06, D-08)',
          ),
        );
        assert.ok(report[1].problems.includes('prompts.ru.extra_line: the text could speak a death or injury status (C-07)'));
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  );
});

describe('plural forms', () => {
  it('Russian and Ukrainian pick one for 1 and 21, few for 2, many for 5 and 11; English one for 1 only', { timeout: 30_000 }, () => {
    const forms = (lang: Language) => [1, 2, 5, 11, 21].map((n) => pluralKey('k', lang, String(n)));
    for (const lang of ['ru', 'uk'] as const) assert.deepEqual(forms(lang), ['k.one', 'k.few', 'k.many', 'k.many', 'k.one']);
    assert.deepEqual(forms('en'), ['k.one', 'k.other', 'k.other', 'k.other', 'k.other']);
    assert.equal(pluralKey('k', 'ru', 'five'), undefined);
  });
});
