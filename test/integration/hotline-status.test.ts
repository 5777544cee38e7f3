import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startVoiceHarness, settableClock, type VoiceHarness } from '../support/voice-harness.js';
import { seedDetainee, type SeedCase } from '../support/hotline-seed.js';
import { loadFlow } from '../../src/flow-engine/load-flow.js';
import { FORBIDDEN_TEXT } from '../../src/flow-engine/forbidden-words.js';
import { generateReference } from '../../src/shared/reference.js';
import { runCall } from '../../src/telephony/simulated/twiml-executor.js';
import { scriptedParty } from '../../src/telephony/simulated/party.js';
import { newCallSid } from '../support/voice-harness.js';
import { createHotline } from '../../src/hotline/hotline.js';
import { liftLookupSuspension } from '../../src/hotline/lift-lookup-suspension.js';
import { guessingOdds } from '../../src/hotline/guessing-odds.js';
import type { Principal } from '../../src/shared/principal.js';
import { SimulatedCarrier } from '../../src/telephony/simulated/simulated-carrier.js';

// Whole calls through the simulator against a listening kinline, real Redis and a real database.
let h: VoiceHarness;
let P: Record<string, string>;
let phoneSeq = 0;
const clock = settableClock('2026-06-01T09:00:00Z');
// Each call gets its own caller number so the per-caller rate limit stays out of the way (tested on its own).
const nextPhone = () => `+7916${String(2000000 + phoneSeq++).padStart(7, '0')}`;
const statusDigits = (ref: string, secret: string, rest: string[] = []) => ['1', '1', `${ref}#`, '1', `${secret}#`, ...rest];

before(
  async () => {
    // 12:00 in Kyiv: operators at work. A reference's failure budget is 3 in every window, so the month's budget
    // is what an attacker meets here; the line carries more than this file's lookups.
    const limits = {
      HOTLINE_REFERENCE_FAILURES_PER_HOUR: '3',
      HOTLINE_REFERENCE_FAILURES_PER_DAY: '3',
      HOTLINE_REFERENCE_FAILURES_PER_MONTH: '3',
      HOTLINE_LINE_CHANNELS: '1000',
    };
    h = await startVoiceHarness(limits, clock);
    P = (await loadFlow('flows/hotline')).prompts.ru;
  },
  { timeout: 120_000 },
);
after(() => h.close(), { timeout: 60_000 });

async function callFor(c: SeedCase, rest: string[] = ['h'], secretOverride?: string) {
  const s = await seedDetainee(h.ctx, c);
  const r = await h.call(statusDigits(s.reference, secretOverride ?? s.secret, rest), { from: nextPhone() });
  return { ...s, r };
}

describe('disclosure follows the consent ledger (C-06)', () => {
  it('held with health consent: held and the health category', { timeout: 60_000 }, async () => {
    const { r } = await callFor({ consent: ['held', 'health'], health: 'fair' });
    assert.ok(r.heard.includes(P['disclosure.held']));
    assert.ok(r.heard.includes(P['health.fair']));
    assert.ok(r.heard.includes(P['after.menu']));
  });
  it('held consent only: held, no health', { timeout: 60_000 }, async () => {
    const { r } = await callFor({ consent: ['held'], health: 'good' });
    assert.ok(r.heard.includes(P['disclosure.held']));
    assert.ok(!r.heard.some((t) => t.startsWith(P['health.good'].slice(0, 10))));
  });
  it('hospitalised with under_treatment is spoken as held plus treatment', { timeout: 60_000 }, async () => {
    const { r } = await callFor({ status: 'hospitalised', health: 'under_treatment' });
    assert.ok(r.heard.includes(P['disclosure.held']) && r.heard.includes(P['health.under_treatment']));
  });
  it('serious health without health consent: only held, never the category', { timeout: 60_000 }, async () => {
    const { r } = await callFor({ consent: ['held'], health: 'serious' });
    assert.ok(r.heard.includes(P['disclosure.held']));
    assert.equal(r.heard.filter((t) => t.includes('здоровья') || t.includes('медицинск')).length, 0);
  });
});

describe('every negative case gives byte-identical TwiML (C-05)', () => {
  it('unknown reference, wrong secret, no consent, revoked, blocked, released, no secret', { timeout: 60_000 }, async () => {
    const runs: Array<{ name: string; docs: string[]; heard: string[]; callSid: string }> = [];
    const add = async (name: string, c: SeedCase, secret?: string) => {
      const { r } = await callFor(c, ['h'], secret);
      runs.push({ name, docs: r.documents, heard: r.heard, callSid: r.callSid });
    };
    await add('wrong secret', {}, '9999');
    await add('no consent', { consent: [] });
    await add('revoked consent', { consent: ['held', 'health'], revoked: ['held'] });
    await add('health consent without held', { consent: ['health'] });
    await add('blocked contact (D-09)', { blocked: true });
    await add('released', { status: 'released' });
    await add('transferred', { status: 'transferred' });
    await add('status unknown', { status: 'unknown' });
    await add('contact without a secret', { secret: null }, '4821');
    // C-05/D-01: bad news without `held` consent must not be told apart from "not found".
    await add('deceased, no consent', { status: 'deceased', consent: [] });
    await add('deceased, health consent only', { status: 'deceased', consent: ['health'] });
    await add('possibly dead, held revoked', { possiblyDead: true, consent: ['held', 'health'], revoked: ['held'] });
    await add('critical, health consent only', { health: 'critical', consent: ['health', 'messages', 'calls'] });
    await add('serious, no consent', { health: 'serious', consent: [] });
    let ref = generateReference();
    while (await h.ctx.repos.detainees.findByReference(ref)) ref = generateReference();
    const unknown = await h.call(statusDigits(ref, '4821', ['h']), { from: nextPhone() });
    runs.push({ name: 'unknown reference', docs: unknown.documents, heard: unknown.heard, callSid: unknown.callSid });

    const first = runs[0];
    assert.ok(first.heard.includes(P['status.negative']), 'the negative answer is spoken');
    for (const run of runs) {
      // The reference read-back differs by reference; every document after it must be identical.
      assert.deepEqual(run.docs.slice(4), first.docs.slice(4), `${run.name} differs from ${first.name}`);
      assert.ok(!run.heard.includes(P['disclosure.held']), `${run.name} must not disclose`);
      assert.ok(!run.heard.includes(P['callback.when']), `${run.name} must not take the bad-news path`);
    }
    // Same work: no negative case leaves a task behind (a bad-news task would be a trace of the person), and
    // the words promise none: they say only what happens next (the main menu, with the operator on 0).
    const sids = new Set(runs.map((r) => r.callSid));
    const tasks = (await h.ctx.repos.tasks.listOpen({ limit: 1000 })).filter((t) => t.call_sid && sids.has(t.call_sid));
    assert.deepEqual(tasks, []);
    const negative = first.heard.indexOf(P['status.negative']);
    assert.equal(first.heard[negative + 1], P['main.menu'], 'the main menu follows, where 0 is the operator');
    assert.doesNotMatch(P['status.negative'], /свяж|перезвон|позвон/i, 'no promise of a contact that nothing creates');
  });
});

describe('bad news is never spoken (C-07)', () => {
  for (const [name, c] of [
    ['deceased', { status: 'deceased' as const }],
    ['missing, possibly dead', { possiblyDead: true }],
    ['serious with health consent', { health: 'serious' as const }],
    ['critical with health consent', { health: 'critical' as const }],
  ] as const) {
    it(`${name}: a trained person calls back at the chosen time; a restricted priority task`, { timeout: 60_000 }, async () => {
      const { r, detainee } = await callFor(c, ['2']);
      // The words after the secret are those of any other callback, so a listener cannot tell them apart.
      const afterSecret = r.heard.slice(r.heard.indexOf(P['secret.enter']) + 1);
      assert.deepEqual(afterSecret, [P['callback.when'], P['callback.done'], P['common.goodbye']]);
      assert.ok(!r.heard.includes(P['disclosure.held']));
      for (const t of r.heard) assert.ok(!FORBIDDEN_TEXT.ru.test(t), `spoken: ${t}`);
      assert.equal(r.outcome, 'hangup');
      const tasks = (await h.ctx.repos.tasks.listOpen({ restricted: true })).filter((t) => t.call_sid === r.callSid);
      assert.equal(tasks.length, 1);
      assert.equal(tasks[0].kind, 'bad_news');
      assert.equal(tasks[0].priority, 1);
      assert.equal(tasks[0].detainee_id, detainee.id);
      assert.equal(tasks[0].callback_window, 'afternoon');
    });
  }
  it('an ordinary callback ends with the very same words as the bad-news one', { timeout: 60_000 }, async () => {
    clock.set('2026-06-01T21:30:00Z'); // 00:30 in Kyiv: the operator's callback offer
    try {
      const bad = await callFor({ status: 'deceased' }, ['2']);
      const ordinary = await h.call(['1', '0', '1', '2'], { from: nextPhone() });
      assert.deepEqual(ordinary.heard.slice(-3), bad.r.heard.slice(-3));
      const afterDisclosure = await callFor({}, ['3', '1', '2']);
      assert.deepEqual(afterDisclosure.r.heard.slice(-3), bad.r.heard.slice(-3));
    } finally {
      clock.set('2026-06-01T09:00:00Z');
    }
  });
  it('a caller who hangs up before choosing a time still gets the task', { timeout: 60_000 }, async () => {
    const { r } = await callFor({ status: 'deceased' }, ['h']);
    const tasks = (await h.ctx.repos.tasks.listOpen({ restricted: true })).filter((t) => t.call_sid === r.callSid);
    assert.equal(tasks.length, 1);
    assert.equal(tasks[0].callback_window, null);
  });
});

describe('after a disclosure (C-08, C-11)', () => {
  it('1 requests a call: one pending call request from the hotline, even when pressed twice', { timeout: 60_000 }, async () => {
    const { r, detainee, contact } = await callFor({}, ['1', '1', 'h']);
    assert.equal(r.heard.filter((t) => t === P['request.done']).length, 2);
    const pending = (await h.ctx.repos.callRequests.listByStatus('pending_approval')).filter((q) => q.detainee_id === detainee.id);
    assert.equal(pending.length, 1);
    assert.equal(pending[0].source, 'hotline');
    assert.equal(pending[0].contact_id, contact.id);
  });
  it('2 records a message kept for review with a due time', { timeout: 60_000 }, async () => {
    const { r, detainee } = await callFor({}, ['2', 'rec:12', 'h']);
    assert.ok(r.heard.includes(P['message.done']));
    const msgs = await h.ctx.repos.messages.listByDetainee(detainee.id);
    assert.equal(msgs.length, 1, 'the Record action and the recording callback make one message');
    assert.equal(msgs[0].status, 'pending_review');
    assert.equal(msgs[0].duration_seconds, 12);
    // C-08 / S-04: review is due a bounded time after the call (the test clock stands at 2026-06-01 09:00Z).
    assert.equal(msgs[0].review_due_at?.toISOString(), '2026-06-03T09:00:00.000Z');
  });
  it('2 with silence re-prompts, then returns to the menu after three tries', { timeout: 60_000 }, async () => {
    const { r, detainee } = await callFor({}, ['2', '', '', '', 'h']);
    assert.equal(r.heard.filter((t) => t === P['message.intro']).length, 3);
    assert.equal((await h.ctx.repos.messages.listByDetainee(detainee.id)).length, 0);
  });
  it('3 goes to the operator queue and hears the position', { timeout: 60_000 }, async () => {
    const { r } = await callFor({}, ['3']);
    assert.equal(r.outcome, 'enqueued:operators');
    assert.ok(r.heard.some((t) => t.includes('очереди: 1')));
  });
  it('4 then 1 stops all calls to this number', { timeout: 60_000 }, async () => {
    const phone = nextPhone();
    const s = await seedDetainee(h.ctx, { phone });
    const r = await h.call(statusDigits(s.reference, s.secret, ['4', '1']), { from: phone });
    assert.ok(r.heard.includes(P['stop.done']));
    assert.equal((await h.ctx.repos.contacts.findById(s.contact.id))?.calls_stopped, true);
  });
  it(
    "4 from another caller ID stops only the matched contact, never the caller ID's contacts (C-10, C-11)",
    { timeout: 60_000 },
    async () => {
      const callerPhone = nextPhone();
      const bystander = await seedDetainee(h.ctx, { phone: callerPhone }); // someone else whose number is the caller ID
      const s = await seedDetainee(h.ctx, { phone: nextPhone() });
      const sameNumber = await seedDetainee(h.ctx, { phone: s.contact.phone }); // shares the matched contact's number
      const r = await h.call(statusDigits(s.reference, s.secret, ['4', '1']), { from: callerPhone });
      assert.ok(r.heard.includes(P['stop.done']));
      assert.equal((await h.ctx.repos.contacts.findById(s.contact.id))?.calls_stopped, true);
      assert.equal((await h.ctx.repos.contacts.findById(bystander.contact.id))?.calls_stopped, false);
      // The caller ID is not the matched contact's number, so no number-wide stop either.
      assert.equal((await h.ctx.repos.contacts.findById(sameNumber.contact.id))?.calls_stopped, false);
    },
  );
  it('4 asks for confirmation: 9 goes back, silence returns to the menu, and nothing is stopped', { timeout: 60_000 }, async () => {
    const phone = nextPhone();
    const s = await seedDetainee(h.ctx, { phone });
    const back = await h.call(statusDigits(s.reference, s.secret, ['4', '9', 'h']), { from: phone });
    assert.equal(back.heard.filter((t) => t === P['stop.confirm']).length, 1);
    assert.equal(back.heard.filter((t) => t === P['after.menu']).length, 2, 'back at the menu after 9');
    const silent = await h.call(statusDigits(s.reference, s.secret, ['4', '', '', '', 'h']), { from: phone });
    assert.equal(silent.heard.filter((t) => t === P['stop.confirm']).length, 3, 'asked three times');
    assert.ok(!back.heard.includes(P['stop.done']) && !silent.heard.includes(P['stop.done']));
    assert.equal((await h.ctx.repos.contacts.findById(s.contact.id))?.calls_stopped, false);
  });
  it("4 from the matched contact's own number also stops calls to that number", { timeout: 60_000 }, async () => {
    const phone = nextPhone();
    const s = await seedDetainee(h.ctx, { phone });
    const other = await seedDetainee(h.ctx, { phone });
    await h.call(statusDigits(s.reference, s.secret, ['4', '1']), { from: phone });
    assert.equal((await h.ctx.repos.contacts.findById(other.contact.id))?.calls_stopped, true);
  });
});

describe('a message from him waits (C-06)', () => {
  let carrier: SimulatedCarrier;
  before(
    () => {
      carrier = new SimulatedCarrier({
        accountSid: h.ctx.config.twilio.accountSid,
        authToken: h.ctx.config.twilio.authToken,
        baseUrl: `${h.baseUrl}/simulated-carrier`,
      });
      h.ctx.telephony = carrier;
    },
    { timeout: 10_000 },
  );
  /** A detainee with one contact, and a message from him recorded on the carrier, in the given review state. */
  async function withMessage(c: SeedCase, status: 'pending_review' | 'approved' | 'rejected', to?: 'other') {
    const s = await seedDetainee(h.ctx, c);
    const other =
      to &&
      (await h.ctx.repos.contacts.create({
        detaineeId: s.detainee.id,
        name: 'Olga',
        relationship: 'wife',
        timeZone: 'Europe/Moscow',
        phone: nextPhone(),
        secret: '5555',
      }));
    const rec = carrier.recordings.make(3);
    const m = await h.ctx.repos.messages.create({
      detaineeId: s.detainee.id,
      contactId: other ? other.id : s.contact.id,
      direction: 'from_detainee',
      recordingSid: rec.sid,
      recordingUrl: rec.url,
    });
    if (status !== 'pending_review') await h.ctx.repos.messages.review(m.id, status, 'supervisor1', status === 'rejected' ? 'test' : null);
    return { ...s, message: m };
  }
  const playUrls = (r: { events: Array<{ kind: string }> }) =>
    r.events.filter((e): e is { kind: 'play'; url: string } => e.kind === 'play').map((e) => e.url);
  const plays = async (detaineeId: number) =>
    (await h.ctx.repos.audit.list({ subjectType: 'detainee', subjectId: String(detaineeId) })).filter((e) => e.action === 'message.play');

  it(
    'approved and consented: he hears that it waits, 5 plays it once reviewed, audited, and it is then delivered',
    { timeout: 60_000 },
    async () => {
      const s = await withMessage({}, 'approved');
      const r = await h.call(statusDigits(s.reference, s.secret, ['5', 'h']), { from: nextPhone() });
      assert.ok(r.heard.includes(P['message.waiting']), 'the caller hears that a message waits');
      assert.ok(r.heard.includes(P['message.listen_waiting']), 'and which key plays it');
      assert.ok(r.heard.includes(P['message.from_him']));
      const [url] = playUrls(r);
      assert.match(url, new RegExp(`^${h.baseUrl}/media/message/[0-9a-f]{32}$`), 'a one-off token, never the recording URL');
      const audio = await fetch(url);
      assert.equal(audio.status, 200);
      assert.equal(audio.headers.get('content-type'), 'audio/wav');
      assert.equal(Buffer.from(await audio.arrayBuffer()).toString('ascii', 0, 4), 'RIFF');
      const audited = await plays(s.detainee.id);
      assert.equal(audited.length, 1);
      assert.equal((audited[0].detail as { messageId: number }).messageId, s.message.id);
      assert.equal((await h.ctx.repos.messages.findById(s.message.id))?.status, 'delivered');
      // Heard once, it no longer waits on the next call.
      const again = await h.call(statusDigits(s.reference, s.secret, ['h']), { from: nextPhone() });
      assert.ok(!again.heard.includes(P['message.waiting']));
    },
  );
  it('5 again in the same call plays the same message again, audited again', { timeout: 60_000 }, async () => {
    const s = await withMessage({}, 'approved');
    const r = await h.call(statusDigits(s.reference, s.secret, ['5', '5', 'h']), { from: nextPhone() });
    assert.equal(playUrls(r).length, 2);
    assert.equal((await plays(s.detainee.id)).length, 2);
  });
  for (const [name, c, status, to] of [
    ['waiting for review', {}, 'pending_review', undefined],
    ['rejected by the reviewer', {}, 'rejected', undefined],
    ['without his consent to messages', { consent: ['held', 'health', 'calls'] }, 'approved', undefined],
    ['addressed to another relative', {}, 'approved', 'other'],
  ] as const) {
    it(`${name}: never mentioned, and 5 plays nothing`, { timeout: 60_000 }, async () => {
      const s = await withMessage(c as SeedCase, status, to);
      const r = await h.call(statusDigits(s.reference, s.secret, ['5', 'h']), { from: nextPhone() });
      assert.ok(r.heard.includes(P['disclosure.held']));
      assert.ok(!r.heard.includes(P['message.waiting']) && !r.heard.includes(P['message.from_him']));
      assert.deepEqual(playUrls(r), []);
      assert.equal(r.heard.filter((t) => t === P['after.menu']).length, 2, '5 goes back to the menu');
      assert.deepEqual(await plays(s.detainee.id), []);
    });
  }
  it('a message withdrawn after the token was given is not served', { timeout: 60_000 }, async () => {
    const s = await withMessage({}, 'approved');
    const r = await h.call(statusDigits(s.reference, s.secret, ['5', 'h']), { from: nextPhone() });
    const [url] = playUrls(r);
    await h.ctx.repos.messages.review(s.message.id, 'rejected', 'supervisor1', 'withdrawn');
    assert.equal((await fetch(url)).status, 404);
    assert.equal((await fetch(`${h.baseUrl}/media/message/${'0'.repeat(32)}`)).status, 404, 'an unknown token');
  });
});

describe('the flow loaded at start-up (C-07)', () => {
  for (const [fixture, reason] of [
    ['error-covers-bad-news', /outcome bad_news has no target/],
    ['bad-news-discloses', /the bad_news path reaches disclosure/],
  ] as const) {
    it(`refuses bad/${fixture}, so no call is ever answered by it`, { timeout: 60_000 }, async () => {
      const hotline = createHotline(h.ctx, { flowDir: `test/fixtures/flows/bad/${fixture}` });
      await assert.rejects(hotline.flow(), reason);
    });
  }
});

describe('lookup limits put callers through to a person, never lock them out (C-12)', () => {
  const supervisor: Principal = { userId: 1, username: 'sup.test', role: 'supervisor', via: 'session', scopes: [], language: 'en' };
  const wrongSecret = (secret: string) => (secret === '4821' ? '1357' : '4821');
  const suspensionsOf = async (scope: string) => (await h.ctx.repos.lookupSuspensions.listOpen()).filter((x) => x.scope === scope);

  it(
    'the sixth lookup from one number is put through to a person; the number makes one restricted task, the calls none',
    { timeout: 60_000 },
    async () => {
      const phone = nextPhone();
      const calls: Array<Awaited<ReturnType<VoiceHarness['call']>>> = [];
      for (let i = 0; i < 7; i++) {
        const s = await seedDetainee(h.ctx, {});
        calls.push(await h.call(statusDigits(s.reference, s.secret, ['h']), { from: phone }));
        if (i < 5) assert.ok(calls[i].heard.includes(P['disclosure.held']), `lookup ${i + 1} is answered`);
      }
      for (const r of calls.slice(5)) {
        assert.ok(!r.heard.includes(P['disclosure.held']) && r.heard.includes(P['limit.connecting']));
        assert.ok(!r.heard.includes(P['operator.closed']), 'never "operators are off duty"');
        assert.equal(r.outcome, 'enqueued:operators');
        assert.equal((await h.ctx.repos.callLogs.find(r.callSid))?.flagged, true, 'the call shows that it reached a limit');
      }
      const restricted = await h.ctx.repos.tasks.listOpen({ restricted: true });
      assert.deepEqual(
        restricted.filter((t) => calls.some((c) => c.callSid === t.call_sid)),
        [],
        'no call is marked as fraud',
      );
      const [byCaller] = await suspensionsOf('caller');
      assert.equal(byCaller.refused, 2, 'both refused lookups on one row');
      assert.equal(restricted.filter((t) => t.id === byCaller.task_id && t.kind === 'lookup_limit').length, 1);
    },
  );
  it("the real relative keeps the automated answer while a stranger uses up his own number's limit", { timeout: 60_000 }, async () => {
    const s = await seedDetainee(h.ctx, {});
    const stranger = nextPhone();
    for (let i = 0; i < 5; i++) await h.call(statusDigits(generateReference(), '4821', ['h']), { from: stranger });
    for (let i = 0; i < 6; i++) {
      const r = await h.call(statusDigits(s.reference, wrongSecret(s.secret), ['h']), { from: stranger });
      assert.ok(r.heard.includes(P['limit.connecting']), 'refused at his own number: no lookup made');
    }
    const relative = await h.call(statusDigits(s.reference, s.secret, ['h']), { from: nextPhone() });
    assert.ok(relative.heard.includes(P['disclosure.held']));
  });
  it('a withheld caller with the right secret is answered after five withheld callers failed', { timeout: 60_000 }, async () => {
    for (let i = 0; i < 5; i++) {
      const r = await h.call(statusDigits(generateReference(), '4821', ['h']), { from: 'anonymous' });
      assert.ok(r.heard.includes(P['status.negative']));
    }
    const s = await seedDetainee(h.ctx, {});
    const r = await h.call(statusDigits(s.reference, s.secret, ['h']), { from: 'anonymous' });
    assert.ok(r.heard.includes(P['disclosure.held']));
  });
  it(
    'an attacker rotating numbers gets the monthly budget of secret checks and no more; the relative is then put through to a person until a supervisor lifts the suspension',
    { timeout: 60_000 },
    async (t) => {
      const s = await seedDetainee(h.ctx, {});
      const month = h.ctx.config.hotline.limits.referenceFailures.month;
      const heard: string[][] = [];
      for (let i = 0; i < month + 9; i++)
        heard.push((await h.call(statusDigits(s.reference, wrongSecret(s.secret), ['h']), { from: nextPhone() })).heard);
      const checked = heard.filter((x) => x.includes(P['status.negative'])).length;
      assert.equal(checked, month, `secret checks: ${checked}, the configured monthly budget: ${month}`);
      assert.equal(heard.filter((x) => x.includes(P['limit.connecting'])).length, 9);
      for (const digits of [4, 6])
        for (const days of [30, 365])
          t.diagnostic(
            `odds of guessing a ${digits}-digit secret in ${days} days under these limits: ${(guessingOdds(h.ctx.config.hotline.limits, digits, days) * 100).toFixed(4)}%`,
          );

      const relative = await h.call(statusDigits(s.reference, s.secret, ['h']), { from: nextPhone() });
      assert.ok(
        !relative.heard.includes(P['disclosure.held']) && relative.heard.includes(P['limit.connecting']),
        'the relative is put through to a person',
      );
      assert.ok(!relative.heard.includes(P['status.negative']), 'never the negative answer, which would tell him nothing');
      const [row] = (await suspensionsOf('reference')).filter((x) => x.detainee_id === s.detainee.id);
      assert.ok(row, 'supervisors see whose record is under attack');
      assert.equal(row.refused, 10, 'nine refusals of the attacker and one of the relative, on one row');

      await liftLookupSuspension(h.ctx, supervisor, row.task_id!);
      const after = await h.call(statusDigits(s.reference, s.secret, ['h']), { from: nextPhone() });
      assert.ok(after.heard.includes(P['disclosure.held']), 'after the lift the verified family hears the answer');
      const again = await h.call(statusDigits(s.reference, wrongSecret(s.secret), ['h']), { from: nextPhone() });
      assert.ok(again.heard.includes(P['status.negative']), 'the attacker gets one more check');
      const last = await h.call(statusDigits(s.reference, wrongSecret(s.secret), ['h']), { from: nextPhone() });
      assert.ok(last.heard.includes(P['limit.connecting']), 'and then the reference is suspended again');
      assert.ok((await h.ctx.repos.audit.list({ limit: 20 })).some((e) => e.action === 'lookup_suspension.lift' && e.actor === 'sup.test'));
    },
  );
  it("the line's limit, sized from its channels, puts callers through and tells supervisors once", { timeout: 60_000 }, async () => {
    const small = await startVoiceHarness({ HOTLINE_LINE_CHANNELS: '1' }, settableClock('2026-06-01T09:00:00Z'));
    try {
      const limit = small.ctx.config.hotline.limits.linePerMinute;
      const heard: string[][] = [];
      for (let i = 0; i < limit + 2; i++)
        heard.push((await small.call(statusDigits(generateReference(), '4821', ['h']), { from: `+7916${String(3000000 + i)}` })).heard);
      assert.equal(heard.filter((x) => x.includes(P['limit.connecting'])).length, 2);
      const rows = (await small.ctx.repos.lookupSuspensions.listOpen()).filter((x) => x.scope === 'line');
      assert.equal(rows.length, 1);
      assert.equal(rows[0].refused, 2);
    } finally {
      await small.close();
    }
  });
});

describe('the call log', () => {
  it('keeps the path with redacted inputs and never the digits', { timeout: 60_000 }, async () => {
    const { r, reference, secret } = await callFor({}, ['h']);
    const log = await h.ctx.repos.callLogs.find(r.callSid);
    const text = JSON.stringify(log);
    assert.ok(!text.includes(reference) && !text.includes(`"${secret}"`));
    const steps = (typeof log?.path === 'string' ? JSON.parse(log.path) : log?.path) as Array<{ step: string; input?: string }>;
    // Both the reference and the secret step are logged as bare "[digits]": no digits and no length.
    assert.equal(steps.find((p) => p.step === 'reference')?.input, '[digits]');
    assert.equal(steps.find((p) => p.step === 'secret')?.input, '[digits]');
    assert.doesNotMatch(text, /\d+ digits/);
    assert.equal(log?.final_status, 'completed');
    assert.match(log?.from_masked ?? '', /^\+\*+\d\d$/);
  });
  it('after the call, the Redis session no longer holds a reference the caller keyed in (C-13)', { timeout: 60_000 }, async () => {
    const s = await seedDetainee(h.ctx, {});
    const r = await h.call(['1', '1', `${s.reference}#`, 'h'], { from: nextPhone() });
    const fields = await h.ctx.redis.hgetall(`${h.ctx.config.redis.prefix}:voice:session:${r.callSid}`);
    const raw = Object.values(fields).join('\n');
    assert.ok(fields.s, 'the session is kept briefly for late recording callbacks');
    assert.ok(!raw.includes(s.reference));
    assert.ok(
      r.documents.some((d) => d.includes(s.reference.split('').join(', '))),
      'it was read back during the call',
    );
  });
  // A call whose final status callback never arrives (C-13): nothing may linger for hours.
  const callWithoutStatus = async (digits: string[]) => {
    const callSid = newCallSid();
    const from = nextPhone();
    const params = {
      CallSid: callSid,
      AccountSid: h.ctx.config.twilio.accountSid,
      From: from,
      To: h.ctx.config.twilio.hotlineNumber,
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
    };
    const r = await runCall({ url: `${h.baseUrl}/voice/incoming`, params, party: scriptedParty(digits), transport: h.transport });
    const key = `${h.ctx.config.redis.prefix}:voice:session:${callSid}`;
    return { r, callSid, key, ttl: await h.ctx.redis.ttl(key), fields: await h.ctx.redis.hgetall(key) };
  };
  it('the final status callback logs the call and ends its session in Redis', { timeout: 60_000 }, async () => {
    const s = await seedDetainee(h.ctx, { health: 'fair' });
    const { r, callSid, key } = await callWithoutStatus(statusDigits(s.reference, s.secret, ['h']));
    assert.ok(r.heard.includes(P['disclosure.held']));
    const params = {
      CallSid: callSid,
      AccountSid: h.ctx.config.twilio.accountSid,
      From: '+79160000001',
      To: h.ctx.config.twilio.hotlineNumber,
      CallStatus: 'completed',
      CallDuration: '30',
      SequenceNumber: '4',
    };
    const res = await h.transport.post(`${h.baseUrl}/voice/status`, params);
    assert.equal(res.status, 200);
    const fields = await h.ctx.redis.hgetall(key);
    assert.deepEqual(Object.keys(fields).sort(), ['e', 's'], 'the session keeps only its state and the mark that the call is over');
    assert.equal((JSON.parse(fields.s) as { vars: Record<string, string> }).vars.health, undefined, 'not what was disclosed');
    assert.ok((await h.ctx.redis.ttl(key)) <= 30 * 60);
    const log = await h.ctx.repos.callLogs.find(callSid);
    assert.equal(log?.final_status, 'completed');
    assert.equal(log?.outcome ?? null, null, 'the caller hung up in the menu');
  });
  it(
    '"stop all calls" confirmed just before hanging up counts even when the final status comes first (C-11); its retry runs nothing',
    { timeout: 60_000 },
    async () => {
      const phone = nextPhone();
      const s = await seedDetainee(h.ctx, { phone });
      const { r, callSid, key } = await callWithoutStatus(statusDigits(s.reference, s.secret, ['4', 'h']));
      assert.ok(r.heard.includes(P['disclosure.held']));
      assert.ok(r.heard.includes(P['stop.confirm']), 'asked to confirm');
      const action = /action="([^"]+)"/.exec(r.documents.at(-1)!)?.[1];
      assert.ok(action, 'the call hung up at the confirmation after the disclosure');
      const params = { CallSid: callSid, AccountSid: h.ctx.config.twilio.accountSid, From: phone, To: h.ctx.config.twilio.hotlineNumber };
      await h.transport.post(`${h.baseUrl}/voice/status`, { ...params, CallStatus: 'completed', CallDuration: '30', SequenceNumber: '4' });
      const late = await h.transport.post(action, { ...params, CallStatus: 'completed', Digits: '1' });
      assert.equal(late.status, 200);
      assert.equal((await h.ctx.repos.contacts.findById(s.contact.id))?.calls_stopped, true);
      const fields = await h.ctx.redis.hgetall(key);
      assert.deepEqual(Object.keys(fields).sort(), ['e', 's'], 'no stored answer, no spoken variables after the end');
      assert.ok(!Object.values(fields).join().includes(s.reference));
      assert.ok((await h.ctx.redis.ttl(key)) <= 30 * 60);
      const again = await h.transport.post(action, { ...params, CallStatus: 'completed', Digits: '1' });
      assert.equal(again.body, '<?xml version="1.0" encoding="UTF-8"?><Response><Hangup/></Response>', 'a retry of it runs nothing');
    },
  );
  it(
    'after a disclosure and a hang-up without a status callback, the stored answer expires within minutes',
    { timeout: 60_000 },
    async () => {
      const s = await seedDetainee(h.ctx, { health: 'fair' });
      const { r, ttl, fields } = await callWithoutStatus(statusDigits(s.reference, s.secret, ['h']));
      assert.ok(r.heard.includes(P['disclosure.held']), 'the disclosure was made');
      assert.ok(fields.t?.includes(P['disclosure.held']), 'the last answer is kept for webhook retries');
      assert.ok(ttl > 0 && ttl <= 600, `ttl ${ttl}`);
    },
  );
  it('at the end of the flow only what a retry needs is kept, briefly', { timeout: 60_000 }, async () => {
    const s = await seedDetainee(h.ctx, { health: 'fair', phone: nextPhone() });
    const { r, ttl, fields } = await callWithoutStatus(statusDigits(s.reference, s.secret, ['4', '1']));
    assert.ok(r.heard.includes(P['stop.done']) && r.heard.includes(P['health.fair']));
    assert.ok(ttl > 0 && ttl <= 600, `ttl ${ttl}`);
    const state = JSON.parse(fields.s) as { ended: boolean; vars: Record<string, string> };
    assert.equal(state.ended, true);
    assert.equal(state.vars.health, undefined, 'what was disclosed is not kept');
    assert.ok(fields.t, 'the final answer is kept for a retried webhook');
  });
});
