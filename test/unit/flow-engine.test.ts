import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadFlow } from '../../src/flow-engine/load-flow.js';
import { newSession, runFlow } from '../../src/flow-engine/run-flow.js';
import { fillPromptKey, fillPromptText } from '../../src/flow-engine/speakable-values.js';
import { pluralKey } from '../../src/flow-engine/plural-forms.js';
import type { Action, Flow, FlowSession } from '../../src/flow-engine/types.js';
import { renderTwiml } from '../../src/telephony/twilio/render-twiml.js';
import { voiceUrls } from '../../src/hotline/voice-urls.js';
import { playStep } from '../../src/flow-engine/steps/play.js';

let flow: Flow;
before(
  async () => {
    flow = await loadFlow('flows/hotline');
  },
  { timeout: 60_000 },
);

const texts = (actions: Action[]): string[] =>
  actions.flatMap((a) =>
    a.kind === 'say' ? [a.text] : a.kind === 'gather' ? texts(a.children) : a.kind === 'sayDigits' ? [a.digits] : [],
  );

/** Drives the engine like the hotline does, answering effects from a table. */
function drive(inputs: Array<string | null>, effects: Record<string, { outcome: string; vars?: Record<string, string> }> = {}) {
  let reply = runFlow(flow, newSession('ru', { recording: 'off' }), { kind: 'start' });
  const heard = [...texts(reply.actions)];
  const step = (s: FlowSession, input: Parameters<typeof runFlow>[2]) => {
    reply = runFlow(flow, s, input);
    heard.push(...texts(reply.actions));
    while (reply.effect) {
      const e = effects[reply.effect] ?? { outcome: 'open' };
      reply = runFlow(flow, reply.session, { kind: 'effect', ...e });
      heard.push(...texts(reply.actions));
    }
  };
  for (const i of inputs) step(reply.session, i === null ? { kind: 'empty' } : { kind: 'digits', digits: i });
  return { reply, heard };
}

describe('flow engine (pure)', () => {
  it('does not change the session it was given', { timeout: 30_000 }, () => {
    const s = newSession('ru', { recording: 'off' });
    const copy = structuredClone(s);
    runFlow(flow, s, { kind: 'start' });
    assert.deepEqual(s, copy);
  });
  it('the language option sets the session language', { timeout: 30_000 }, () => {
    const { reply } = drive(['2']);
    assert.equal(reply.session.language, 'uk');
    assert.equal(reply.session.step, 'main');
  });
  it('retries are capped: three silences leave the step', { timeout: 30_000 }, () => {
    const offered = drive(['1', null, null, null], { operatorHours: { outcome: 'closed' } });
    assert.equal(offered.heard.filter((t) => t === flow.prompts.ru['common.no_input']).length, 2);
    // Out of hours the caller is offered a callback; silence there too ends the call with a goodbye.
    assert.equal(offered.reply.session.step, 'operator_closed');
    const { reply } = drive(['1', null, null, null, null, null, null], { operatorHours: { outcome: 'closed' } });
    assert.equal(reply.session.ended, true);
    assert.equal(reply.session.path.at(-1)?.step, 'goodbye');
  });
  it('a successful input resets the attempt counter', { timeout: 30_000 }, () => {
    const { reply } = drive(['1', null, '9']);
    assert.equal(reply.session.attempts.main, undefined);
  });
  it('reference and secret digits never reach the path', { timeout: 30_000 }, () => {
    const { reply } = drive(['1', '1', '7081396985#', '1', '4821#'], { answerStatusQuery: { outcome: 'negative' } });
    const path = JSON.stringify(reply.session.path);
    assert.ok(!path.includes('7081396985') && !path.includes('4821'));
    // Not even the length: a 4-digit secret logged as "[4 digits]" narrows it down (C-13).
    const inputs = Object.fromEntries(reply.session.path.filter((p) => p.input !== undefined).map((p) => [p.step, p.input]));
    assert.equal(inputs.reference, '[digits]');
    assert.equal(inputs.secret, '[digits]');
    assert.doesNotMatch(path, /\d+ digits/);
  });
  it('a health value outside the allow-list is dropped, never spoken (C-07)', { timeout: 30_000 }, () => {
    const { heard } = drive(['1', '1', '7081396985#', '1', '4821#'], {
      answerStatusQuery: { outcome: 'disclosed', vars: { health: 'critical' } },
    });
    assert.ok(heard.includes(flow.prompts.ru['disclosure.held']));
    assert.ok(!heard.some((t) => t.includes('здоровья')));
    assert.equal(fillPromptKey('health.{health}', { health: 'serious' }), undefined);
    assert.equal(fillPromptKey('health.{health}', { health: 'good' }), 'health.good');
  });
  it('renders TwiML with an action on every Gather and a fall-through Redirect (twilio-notes TW-23)', { timeout: 30_000 }, () => {
    const { reply } = drive([]);
    const xml = renderTwiml(reply.actions, voiceUrls('https://hotline.example.org', 1));
    assert.match(xml, /<Gather [^>]*action="https:\/\/hotline.example.org\/voice\/step\/1"/);
    assert.match(xml, /<\/Gather><Redirect method="POST">https:\/\/hotline.example.org\/voice\/step\/1<\/Redirect>/);
    assert.match(xml, /voice="Polly.Tatyana" language="ru-RU"/);
    assert.match(xml, /voice="Google.uk-UA-Wavenet-A" language="uk-UA"/);
  });
});

describe('flow engine: the supervised call (entries, counted prompts, text values)', () => {
  let sc: Flow;
  before(
    async () => {
      sc = await loadFlow('flows/supervised-call');
    },
    { timeout: 60_000 },
  );
  const session = (lang: 'ru' | 'uk' | 'en', vars: Record<string, string> = {}, step: string | null = null): FlowSession => ({
    ...newSession(lang, { recording: 'off', minutes: '10', room: 'call-1', ...vars }),
    step,
  });
  const urls = {
    action: 'https://h.example/voice/outbound/c/1/relative/accept',
    conferenceStatusCallback: 'https://h.example/voice/outbound/c/1/conference',
  };
  /** The document after `step` got `digits` and its effect answered `outcome`. */
  const answered = (step: string, digits: string, outcome: string, vars: Record<string, string> = {}) => {
    const asked = runFlow(sc, session('ru', vars, step), digits ? { kind: 'digits', digits } : { kind: 'empty' });
    return runFlow(sc, asked.session, { kind: 'effect', outcome });
  };

  it('a counted prompt speaks the plural form its number takes in each language', { timeout: 30_000 }, () => {
    const cases: Array<['ru' | 'uk' | 'en', string, string]> = [
      ['ru', '1', 'не более 1 минуты.'],
      ['ru', '2', 'не более 2 минут.'],
      ['ru', '5', 'не более 5 минут.'],
      ['ru', '21', 'не более 21 минуты.'],
      ['ru', '24', 'не более 24 минут.'],
      ['uk', '1', 'не більше 1 хвилини.'],
      ['uk', '3', 'не більше 3 хвилин.'],
      ['uk', '11', 'не більше 11 хвилин.'],
      ['uk', '31', 'не більше 31 хвилини.'],
      ['en', '1', 'up to 1 minute.'],
      ['en', '2', 'up to 2 minutes.'],
      ['en', '60', 'up to 60 minutes.'],
    ];
    for (const [lang, minutes, text] of cases) {
      const heard = texts(runFlow(sc, session(lang, { minutes }), { kind: 'start', entry: 'facility' }).actions);
      assert.ok(
        heard.some((t) => t.endsWith(text)),
        `${lang} ${minutes}: ${heard.join(' | ')}`,
      );
    }
    assert.equal(pluralKey('briefing_length', 'ru', '2'), 'briefing_length.few');
    assert.equal(pluralKey('briefing_length', 'ru', 'many'), undefined);
  });

  it('a value that is not of its allowed shape drops its sentence, never speaks it', { timeout: 30_000 }, () => {
    const heard = texts(answered('notice', '1', 'join', { name: 'Ivan <break time="9s"/>' }).actions);
    assert.ok(!heard.some((t) => t.includes('Ivan')), 'no name of the wrong shape');
    assert.ok(heard.includes(sc.prompts.ru.relative_monitored), 'the rest is still said');
    const tooLong = texts(runFlow(sc, session('ru', { minutes: '90' }), { kind: 'start', entry: 'facility' }).actions);
    assert.ok(!tooLong.some((t) => t.includes('90')));
    assert.equal(fillPromptText('{name} звонит', { name: "Мар'ян-Олег" }), "Мар'ян-Олег звонит");
    assert.equal(fillPromptText('{name} звонит', { name: '' }), undefined);
    assert.equal(fillPromptText('{phone}', { phone: '+380441234567' }), undefined);
  });

  it("the relative's leg: silence, then a notice that names nobody; the name only after the effect", { timeout: 30_000 }, () => {
    const wait = runFlow(sc, session('ru', { name: 'Ivan' }), { kind: 'start', entry: 'relative' });
    assert.equal(wait.session.step, 'accept');
    assert.match(
      renderTwiml(wait.actions, urls),
      /<Response><Pause length="40"\/><Redirect method="POST">https:\/\/h.example\/voice\/outbound\/c\/1\/relative\/accept<\/Redirect><\/Response>/,
    );
    const notice = runFlow(sc, wait.session, { kind: 'empty' });
    assert.equal(notice.session.step, 'notice');
    assert.ok(!texts(notice.actions).some((t) => t.includes('Ivan')));
    const named = texts(answered('notice', '1', 'join', { name: 'Иван', named: 'named' }).actions);
    assert.ok(named.some((t) => t.startsWith('Вам звонит Иван')));
    // D-11: with no name a Russian voice can read, nobody is named.
    const unnamed = texts(answered('notice', '1', 'join', { named: 'unnamed' }).actions);
    assert.ok(unnamed.some((t) => t.startsWith('Вам звонит член вашей семьи')));
    // A key that declines, or none, ends with nothing said: it may be a voicemail.
    assert.deepEqual(answered('notice', '', 'declined').actions, [{ kind: 'hangup' }]);
    assert.equal(runFlow(sc, session('ru', {}, 'notice'), { kind: 'digits', digits: '7' }).session.vars.key, '7');
  });

  it('the warning is an announcement: Say only, no Hangup (an AnnounceUrl document), per party', { timeout: 30_000 }, () => {
    const xml = renderTwiml(runFlow(sc, session('ru'), { kind: 'start', entry: 'facility_warning' }).actions, {});
    assert.match(
      xml,
      /^<\?xml version="1.0" encoding="UTF-8"\?><Response><Say [^>]+>До конца разговора осталась одна минута.<\/Say><\/Response>$/,
    );
    const en = renderTwiml(runFlow(sc, session('en'), { kind: 'start', entry: 'relative_warning' }).actions, {});
    assert.match(en, /<Response><Say [^>]+>The call has one minute left.<\/Say><\/Response>$/);
  });

  it('every participant subscribes to the conference events (TW-16); only the monitor starts it, muted', { timeout: 30_000 }, () => {
    const events =
      'statusCallback="https:\\/\\/h.example\\/voice\\/outbound\\/c\\/1\\/conference" statusCallbackMethod="POST" statusCallbackEvent="start end join leave"';
    const facility = renderTwiml(answered('who_answered', '1', 'join').actions, urls);
    const relative = renderTwiml(answered('acceptance', '1', 'join').actions, urls);
    const monitor = renderTwiml(answered('monitor_notice', '1', 'join').actions, urls);
    for (const party of [facility, relative])
      assert.match(
        party,
        new RegExp(
          `<Dial timeLimit="900"><Conference muted="false" startConferenceOnEnter="false" endConferenceOnExit="true" beep="false" waitUrl="" maxParticipants="4" record="do-not-record" ${events}>call-1</Conference></Dial>`,
        ),
      );
    assert.match(
      monitor,
      new RegExp(
        `<Dial timeLimit="900"><Conference participantLabel="monitor" muted="true" startConferenceOnEnter="true" endConferenceOnExit="true" beep="false" waitUrl="" maxParticipants="4" record="do-not-record" ${events}>call-1</Conference></Dial>`,
      ),
    );
    // The monitor's phone names nobody before his key, and no key joins nothing (a voicemail).
    const notice = runFlow(sc, session('ru', { name: 'Ivan' }), { kind: 'start', entry: 'monitor' });
    assert.ok(!texts(notice.actions).some((t) => t.includes('Ivan')));
    assert.deepEqual(answered('monitor_notice', '', 'declined').actions, [{ kind: 'hangup' }]);
    assert.match(renderTwiml(answered('briefing', '2', 'declined').actions, urls), /Звонок не состоится. До свидания.<\/Say><Hangup\/>/);
  });
  it('the play step plays a one-off token at the media URL, and nothing for a value of another shape (C-06)', { timeout: 30_000 }, () => {
    const step = { type: 'play' as const, prompts: [], var: 'message_play', next: 'after_disclosure' };
    const enter = (value: string) =>
      playStep.enter(step, { flow, session: { ...newSession('ru', {}), vars: { message_play: value } }, say: () => [] });
    const token = 'a'.repeat(32);
    const twiml = renderTwiml(enter(token).actions, voiceUrls('https://kinline.example', 3));
    assert.match(twiml, new RegExp(`<Play>https://kinline.example/media/message/${token}</Play>`));
    for (const value of ['https://evil.example/x.mp3', '12', `${token}0`]) assert.deepEqual(enter(value).actions, []);
  });
});
