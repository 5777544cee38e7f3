import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startCallsHarness, type CallsHarness } from '../support/calls-harness.js';
import { waitFor } from '../support/wait-for.js';
import { scheduleFixtureCall, seedCallFixture } from '../support/call-fixture.js';
import type { PartyScript } from '../../src/telephony/simulated/party-script.js';
import { FINAL_STATES } from '../../src/calls/call-states.js';
import { legJobId } from '../../src/queue/queue-names.js';
import type { Language } from '../../src/storage/schema.js';

// D-05, D-11: each leg of a supervised call speaks its own party's language, names people only in a script its
// voice can read, and lets the detainee hear who answered before he is bridged.
let h: CallsHarness;
before(
  async () => {
    h = await startCallsHarness();
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await h.close();
  },
  { timeout: 60_000 },
);

interface Setup {
  detaineeLanguage: Language;
  contactLanguage: Language;
  /** The language the relative asked in: the call's. */
  callLanguage: Language;
  interpreter?: boolean;
  detaineeSpokenName?: string;
  contactSpokenName?: string;
  facility?: PartyScript;
  relative?: PartyScript;
}

async function place(s: Setup) {
  const fx = await seedCallFixture(h.ctx, { language: s.detaineeLanguage });
  await h.ctx.repos.detainees.update(fx.detaineeId, { givenName: 'Ivan', spokenName: s.detaineeSpokenName ?? null });
  await h.ctx.repos.contacts.update(fx.contactId, { language: s.contactLanguage, spokenName: s.contactSpokenName ?? null });
  h.carrier.script(fx.facilityLine, s.facility ?? { answer: 'answer', digits: ['1'] });
  h.carrier.script(fx.contactPhone, s.relative ?? { answer: 'answer', digits: ['1', '1'] });
  h.carrier.script(fx.supervisorPhone, { answer: 'answer', digits: ['1'] });
  const call = await scheduleFixtureCall(h.ctx, fx, { language: s.callLanguage, interpreter: s.interpreter });
  return { fx, call };
}

const stateOf = async (id: string) => (await h.ctx.repos.scheduledCalls.findById(id))!;
const untilState = (id: string, states: readonly string[]) =>
  waitFor(`call in ${states.join('|')}`, async () => {
    const c = await stateOf(id);
    return states.includes(c.state) ? c : undefined;
  });
/** What the party at `phone` heard, said and announced, in order, with the language of each Say. */
const heard = (phone: string, kinds = ['say', 'announce']) => {
  const sids = new Set([...h.carrier.calls.values()].filter((c) => c.to === phone).map((c) => c.sid));
  return h.carrier.log.filter((e) => sids.has(e.callSid) && kinds.includes(e.kind));
};
const text = (phone: string) =>
  heard(phone)
    .map((e) => e.text)
    .join(' ');

describe('supervised call languages and words (real Redis, real database, simulated carrier)', () => {
  it(
    'D-11: a Russian detainee hears the Russian briefing when an English-speaking relative asked; each hears the interpreter sentence',
    { timeout: 90_000 },
    async () => {
      const { fx, call } = await place({
        detaineeLanguage: 'ru',
        contactLanguage: 'en',
        callLanguage: 'en',
        interpreter: true,
        contactSpokenName: 'Мария',
        relative: { answer: 'answer', digits: ['1', '1'], hangupAfterJoinMs: 1500 },
      });
      await untilState(call.id, FINAL_STATES);
      const facility = text(fx.facilityLine);
      assert.match(facility, /^Это звонок вашей семье\./, 'the briefing is in his language, first');
      assert.match(facility, /В разговоре участвует переводчик\./);
      assert.match(facility, /не более 10 минут\./);
      assert.doesNotMatch(facility, /[A-Za-z]/, 'not one English word, nor a Latin name, on his leg');
      assert.ok(
        heard(fx.facilityLine, ['say']).every((e) => e.detail?.language === 'ru-RU'),
        'every Say of his leg has the Russian voice',
      );
      // D-05: who answered, by relation and by the Cyrillic form of her name, before he is bridged.
      assert.match(facility, /Ответила ваша мама, Мария\. Чтобы начать разговор, нажмите 1 или подождите\./);
      const relative = text(fx.contactPhone);
      assert.match(relative, /^This is the family contact service/);
      assert.match(relative, /Ivan is calling you through the family contact service\./, 'a Latin name for the English voice');
      assert.match(relative, /An interpreter is taking part in the call\./);
      assert.doesNotMatch(relative, /[А-Яа-яІіЇїЄє]/, 'no Russian on her leg');
      const attempt = (await h.ctx.repos.scheduledCalls.attempts(call.id))[0];
      assert.ok(attempt.detainee_bridged_at && attempt.connected_at, 'connected once he went on');
      assert.ok(attempt.detainee_bridged_at <= attempt.connected_at);
      // the consent evidence names the language he was briefed in.
      const accepted = (await h.ctx.repos.scheduledCalls.events(call.id)).find((e) => e.kind === 'detainee_accepted');
      assert.equal(accepted?.detail.language, 'ru');
    },
  );

  it('D-11: without a Cyrillic form, a Russian voice names nobody; with one, it reads it', { timeout: 90_000 }, async () => {
    const latin = await place({ detaineeLanguage: 'uk', contactLanguage: 'ru', callLanguage: 'ru' });
    const cyrillic = await place({ detaineeLanguage: 'uk', contactLanguage: 'ru', callLanguage: 'ru', detaineeSpokenName: 'Іван' });
    await untilState(latin.call.id, ['connected']);
    await untilState(cyrillic.call.id, ['connected']);
    const plain = text(latin.fx.contactPhone);
    assert.match(plain, /Вам звонит член вашей семьи через службу связи с семьями\./);
    assert.doesNotMatch(plain, /Ivan/, 'never "Вам звонит Ivan"');
    assert.match(text(cyrillic.fx.contactPhone), /Вам звонит Іван через службу связи с семьями\./);
    // His leg is Ukrainian; the contact "Maria" has no Cyrillic form, so he hears the relation alone.
    const facility = text(latin.fx.facilityLine);
    assert.match(facility, /^Це дзвінок вашій родині\./);
    assert.match(facility, /Відповіла ваша мама\./);
    assert.doesNotMatch(facility, /Maria/);
  });

  it('D-11: each participant hears the one-minute warning in its own language', { timeout: 90_000 }, async () => {
    const { fx, call } = await place({ detaineeLanguage: 'ru', contactLanguage: 'uk', callLanguage: 'en' });
    await untilState(call.id, ['connected']);
    await waitFor('conference sid stored', async () => (await stateOf(call.id)).conference_sid);
    await waitFor('both parties in the conference', async () =>
      [fx.facilityLine, fx.contactPhone].every((p) => [...h.carrier.calls.values()].some((c) => c.to === p && c.conference)),
    );
    const warn = await waitFor('warn job', () => h.ctx.callQueues!.control.getJob(legJobId(call.id, 1, 'warn')));
    await warn.promote();
    const announced = (phone: string) => heard(phone, ['announce']).map((e) => e.text);
    await waitFor('the detainee heard the warning in Russian', async () =>
      announced(fx.facilityLine).includes('До конца разговора осталась одна минута.'),
    );
    await waitFor('the relative heard it in Ukrainian', async () =>
      announced(fx.contactPhone).includes('До кінця розмови залишилася одна хвилина.'),
    );
    assert.deepEqual(announced(fx.facilityLine), ['До конца разговора осталась одна минута.'], 'once, and only his language');
    assert.deepEqual(announced(fx.contactPhone), ['До кінця розмови залишилася одна хвилина.']);
    // The monitor hears it in the call's language, the one the relative asked in.
    await waitFor('the monitor heard it in English', async () => announced(fx.supervisorPhone).includes('The call has one minute left.'));
  });

  it(
    'D-05: the detainee declines after hearing who answered: never bridged, outcome recorded, the relative hears a neutral goodbye',
    { timeout: 90_000 },
    async () => {
      const { fx, call } = await place({
        detaineeLanguage: 'ru',
        contactLanguage: 'en',
        callLanguage: 'en',
        contactSpokenName: 'Мария',
        facility: { answer: 'answer', digits: ['1', '2'] },
      });
      const c = await untilState(call.id, FINAL_STATES);
      assert.equal(c.state, 'declined');
      assert.equal(c.final_reason, 'detainee_declined_after_answer');
      const attempt = (await h.ctx.repos.scheduledCalls.attempts(call.id))[0];
      assert.ok(attempt.relative_accepted_at, 'the relative had accepted');
      assert.equal(attempt.detainee_bridged_at, null);
      assert.equal(attempt.connected_at, null);
      const room = h.carrier.rooms.list().find((r) => r.name === call.id);
      assert.equal(h.carrier.log.filter((e) => e.kind === 'bridged' && e.callSid === room?.sid).length, 0, 'never bridged');
      await waitFor('the relative heard the goodbye', async () => /The call will not take place\. Goodbye\.$/.test(text(fx.contactPhone)));
      // After she accepted she hears the goodbye of any call that does not take place, and nothing of why.
      assert.match(text(fx.contactPhone), /Connecting you now\. Please wait\. The call will not take place\. Goodbye\.$/);
      // The state moves before his document's goodbye is played.
      await waitFor('the detainee heard the goodbye', async () =>
        /Ответила ваша мама, Мария\..*Звонок не состоится\. До свидания\.$/.test(text(fx.facilityLine)),
      );
      await waitFor('every leg ended', async () =>
        [...h.carrier.calls.values()]
          .filter((x) => [fx.facilityLine, fx.contactPhone, fx.supervisorPhone].includes(x.to))
          .every((x) => x.ended),
      );
      // The final event is written a moment after the state.
      const kinds = await waitFor('the final event', async () => {
        const k = (await h.ctx.repos.scheduledCalls.events(call.id)).map((e) => e.kind);
        return k.includes('declined') ? k : undefined;
      });
      assert.ok(!kinds.includes('connected'), kinds.join(','));
    },
  );
});
