import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFlow } from '../../src/flow-engine/load-flow.js';
import { newSession, runFlow } from '../../src/flow-engine/run-flow.js';
import { RELATIONS, relationOf } from '../../src/flow-engine/relations.js';
import type { Action, Flow } from '../../src/flow-engine/types.js';
import { nameForSpeech } from '../../src/calls/name-for-speech.js';
import { LANGUAGES, type Language } from '../../src/storage/schema.js';

// The words of the supervised call (C-01, D-05, D-06, D-11): plurals, names, relations, the interpreter.
const texts = (actions: Action[]): string[] =>
  actions.flatMap((a) => (a.kind === 'say' ? [a.text] : a.kind === 'gather' ? texts(a.children) : []));

describe('supervised call words', () => {
  let sc: Flow;
  before(
    async () => {
      sc = await loadFlow('flows/supervised-call');
    },
    { timeout: 60_000 },
  );
  const briefing = (lang: Language, vars: Record<string, string>) =>
    texts(
      runFlow(sc, newSession(lang, { recording: 'off', minutes: '10', room: 'r', ...vars }), { kind: 'start', entry: 'facility' }).actions,
    );
  const whoAnswered = (lang: Language, vars: Record<string, string>) => {
    const s = { ...newSession(lang, { recording: 'off', minutes: '10', room: 'r', ...vars }), step: 'family_wait' };
    const checked = runFlow(sc, s, { kind: 'empty' });
    return texts(runFlow(sc, checked.session, { kind: 'effect', outcome: 'answered' }).actions);
  };

  it('the length takes the plural form of its count: 1, 2, 5, 11, 21 minutes in ru, uk and en', { timeout: 30_000 }, () => {
    const cases: Record<Language, Record<string, string>> = {
      ru: {
        '1': 'не более 1 минуты.',
        '2': 'не более 2 минут.',
        '5': 'не более 5 минут.',
        '11': 'не более 11 минут.',
        '21': 'не более 21 минуты.',
      },
      uk: {
        '1': 'не більше 1 хвилини.',
        '2': 'не більше 2 хвилин.',
        '5': 'не більше 5 хвилин.',
        '11': 'не більше 11 хвилин.',
        '21': 'не більше 21 хвилини.',
      },
      en: {
        '1': 'up to 1 minute.',
        '2': 'up to 2 minutes.',
        '5': 'up to 5 minutes.',
        '11': 'up to 11 minutes.',
        '21': 'up to 21 minutes.',
      },
    };
    for (const lang of LANGUAGES) {
      for (const [minutes, end] of Object.entries(cases[lang])) {
        const said = briefing(lang, { minutes }).filter((t) => t.includes(` ${minutes} `));
        assert.equal(said.length, 1, `${lang} ${minutes}: ${said.join(' | ')}`);
        assert.ok(said[0].endsWith(end), `${lang} ${minutes}: ${said[0]}`);
      }
    }
    // The known defects never come back.
    assert.ok(!briefing('ru', { minutes: '1' }).some((t) => t.includes('1 минут.')));
    assert.ok(!briefing('en', { minutes: '1' }).some((t) => t.includes('1 minutes')));
  });

  it('D-11: the interpreter is announced to both parties when the call has one, and only then', { timeout: 30_000 }, () => {
    const sentence: Record<Language, string> = {
      ru: 'В разговоре участвует переводчик.',
      uk: 'У розмові бере участь перекладач.',
      en: 'An interpreter is taking part in the call.',
    };
    for (const lang of LANGUAGES) {
      assert.ok(briefing(lang, { interpreter: 'on' }).includes(sentence[lang]), lang);
      assert.ok(!briefing(lang, {}).includes(sentence[lang]), lang);
      const s = {
        ...newSession(lang, { recording: 'off', minutes: '10', room: 'r', interpreter: 'on', named: 'unnamed' }),
        step: 'notice',
      };
      const asked = runFlow(sc, s, { kind: 'digits', digits: '1' });
      assert.ok(texts(runFlow(sc, asked.session, { kind: 'effect', outcome: 'join' }).actions).includes(sentence[lang]), lang);
    }
  });

  it('D-05: who answered agrees with the relative in gender, with or without a name', { timeout: 30_000 }, () => {
    assert.deepEqual(whoAnswered('ru', { relation: 'mother', named: 'named', contact_name: 'Мария' }).slice(0, 1), [
      'Ответила ваша мама, Мария.',
    ]);
    assert.equal(whoAnswered('ru', { relation: 'father', named: 'unnamed' })[0], 'Ответил ваш папа.');
    assert.equal(whoAnswered('uk', { relation: 'wife', named: 'named', contact_name: 'Оксана' })[0], 'Відповіла ваша дружина, Оксана.');
    assert.equal(whoAnswered('uk', { relation: 'son', named: 'unnamed' })[0], 'Відповів ваш син.');
    assert.equal(whoAnswered('en', { relation: 'sister', named: 'named', contact_name: 'Anna' })[0], 'Your sister, Anna, has answered.');
    assert.equal(whoAnswered('ru', { relation: 'other', named: 'unnamed' })[0], 'На звонок ответили.');
    // Every relation has both sentences in every language (flows check enforces it too).
    for (const lang of LANGUAGES)
      for (const relation of RELATIONS)
        for (const named of ['named', 'unnamed']) assert.ok(sc.prompts[lang][`answered_${relation}_${named}`]);
    // The key: 2 declines; anything else, or nothing, goes on.
    const ask = whoAnswered('ru', { relation: 'mother', named: 'unnamed' });
    assert.equal(ask.at(-1), 'Чтобы начать разговор, нажмите 1 или подождите. Чтобы отказаться, нажмите 2.');
  });

  it('the relationship an operator typed, in any language, names a relation', { timeout: 30_000 }, () => {
    assert.equal(relationOf('Mother'), 'mother');
    assert.equal(relationOf(' мама '), 'mother');
    assert.equal(relationOf('батько'), 'father');
    assert.equal(relationOf('Жена'), 'wife');
    assert.equal(relationOf('донька'), 'daughter');
    assert.equal(relationOf('cousin'), 'other');
  });

  it('D-11: a name is read only by a voice of its script', { timeout: 30_000 }, () => {
    assert.equal(nameForSpeech('ru', 'Ivan', null), undefined, 'never "Вам звонит Ivan"');
    assert.equal(nameForSpeech('ru', 'Ivan', 'Иван'), 'Иван');
    assert.equal(nameForSpeech('uk', 'Іван', null), 'Іван', 'a Cyrillic name needs no second form');
    assert.equal(nameForSpeech('en', 'Ivan', 'Иван'), 'Ivan');
    assert.equal(nameForSpeech('en', 'Иван', null), undefined, 'nor Cyrillic by the English voice');
    assert.equal(nameForSpeech('ru', 'Ivan', 'Ivan'), undefined, 'a spoken name that is not Cyrillic is not used');
  });
});
