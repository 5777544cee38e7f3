import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DateTime } from 'luxon';
import { createConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';
import { waitFor } from '../support/wait-for.js';
import { SimulatedCarrier } from '../../src/telephony/simulated/simulated-carrier.js';
import { deskPresence } from '../../src/desk/desk.js';
import { CALLBACK_WINDOWS } from '../../src/records/callback-window.js';
import type { Role } from '../../src/storage/schema.js';
import type { PartyScript } from '../../src/telephony/simulated/party-script.js';

const PHONES: Record<Role, string> = {
  operator: '+380501110001',
  supervisor: '+380501110002',
  admin: '+380501110003',
  caller_desk: '+380501110004',
};
let f: ConsoleFixture;
let carrier: SimulatedCarrier;
let n = 0;

before(
  async () => {
    f = await createConsoleFixture({ CALLBACK_MAX_ATTEMPTS: '2' }, (ctx) => {
      carrier = new SimulatedCarrier({
        accountSid: ctx.config.twilio.accountSid,
        authToken: ctx.config.twilio.authToken,
        ringMs: 20,
        pauseUnitMs: 5,
      });
      ctx.telephony = carrier;
    });
  },
  { timeout: 120_000 },
);
after(
  async () => {
    carrier?.shutdown();
    await f?.close();
  },
  { timeout: 60_000 },
);

const desk = () => deskPresence(f.ctx);
const onDuty = (role: Role) => desk().goOnDuty({ userId: f.staff[role].userId, username: f.staff[role].username, phone: PHONES[role] });
const api = (role: Role, path: string, body?: unknown) =>
  fetch(`${f.url}/api${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${f.staff[role].token}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

/** A detainee with a contact in Moscow, and a task for a call to that contact. */
async function seedTask(o: { kind: 'bad_news' | 'callback'; window?: string; family?: PartyScript }) {
  const id = ++n;
  const d = await f.ctx.repos.detainees.create({ familyName: 'Testov', givenName: `Ivan${id}`, status: 'deceased', language: 'ru' });
  await f.ctx.db.updateTable('detainees').set({ status_source: 'NIB list 2026-11-30' }).where('id', '=', d.id).execute();
  const phone = `+7916444${String(id).padStart(4, '0')}`;
  const c = await f.ctx.repos.contacts.create({
    detaineeId: d.id,
    name: 'Maria',
    relationship: 'mother',
    phone,
    timeZone: 'Europe/Moscow',
    language: 'ru',
  });
  carrier.script(phone, o.family ?? { answer: 'answer', hangupAfterJoinMs: 300 });
  const task = await f.ctx.repos.tasks.create({
    kind: o.kind,
    priority: o.kind === 'bad_news' ? 1 : 3,
    restricted: o.kind === 'bad_news',
    detaineeId: d.id,
    contactId: c.id,
    callbackPhone: phone,
    callbackWindow: o.window ?? 'any',
    language: 'ru',
  });
  return { task, phone };
}

const latestCall = (taskId: number) => f.ctx.repos.taskCalls.latest(taskId);
const untilStage = (taskId: number, stage: string) =>
  waitFor(`the task's call at ${stage}`, async () => {
    const c = await latestCall(taskId);
    return c?.stage === stage ? c : undefined;
  });
const untilState = (role: Role, state: string) =>
  waitFor(`${role} ${state} at the desk`, async () => ((await desk().get(f.staff[role].userId))?.state === state ? true : undefined));
const callsTo = (phone: string) => [...carrier.calls.values()].filter((c) => c.to === phone);

const FULL_CHECKLIST = {
  primary_source: 'done',
  second_factor: 'done',
  plain_words: 'done',
  second_person: 'family_declined',
  remains_certificates: 'done',
  icrc_nib_contacts: 'done',
  support_referral: 'done',
};

describe('calling families back from tasks (real Redis, real database, simulated carrier)', () => {
  it(
    'a bad-news task rings the supervisor first, then the family; delivered needs the whole O-04 checklist',
    { timeout: 90_000 },
    async () => {
      for (const p of Object.values(PHONES)) carrier.script(p, { answer: 'answer', digits: ['1'] });
      const { task, phone } = await seedTask({ kind: 'bad_news' });
      await onDuty('supervisor');
      const res = await api('supervisor', `/tasks/${task.id}/call`, {});
      assert.equal(res.status, 202, await res.clone().text());
      await untilStage(task.id, 'wrap_up');
      await untilState('supervisor', 'wrap_up');
      const [op] = callsTo(PHONES.supervisor);
      const [fam] = callsTo(phone);
      assert.ok(op && fam, 'both legs were dialled');
      const dialOrder = carrier.log.filter((e) => e.kind === 'dial').map((e) => e.callSid);
      assert.ok(dialOrder.indexOf(op.sid) < dialOrder.indexOf(fam.sid), 'the operator is rung before the family');
      assert.equal(fam.from, f.ctx.config.twilio.hotlineNumber, "the family sees the hotline's number");
      assert.ok(carrier.log.some((e) => e.callSid === op.sid && e.kind === 'say' && /Press 1 to dial/.test(e.text ?? '')));
      assert.ok(
        carrier.log.some((e) => e.kind === 'bridged'),
        'the operator and the family were bridged',
      );

      // One unticked item: refused naming it, nothing saved.
      const partial = { ...FULL_CHECKLIST, second_person: '' };
      const refused = await api('supervisor', `/tasks/${task.id}/outcome`, { outcome: 'delivered', checklist: partial });
      assert.equal(refused.status, 400);
      const err = (await refused.json()) as { error: string; message: string; items: string[] };
      assert.equal(err.error, 'checklist_incomplete');
      assert.match(err.message, /a second person offered/);
      assert.doesNotMatch(err.message, /plain words/);
      assert.deepEqual(err.items, ['second_person']);
      assert.equal((await latestCall(task.id))!.stage, 'wrap_up');
      assert.equal((await f.ctx.repos.tasks.findById(task.id))!.status, 'open');
      // A skip reason must be one of the list, never free text (O-07).
      const freeText = await api('supervisor', `/tasks/${task.id}/outcome`, {
        outcome: 'delivered',
        checklist: { ...FULL_CHECKLIST, second_person: 'she was alone' },
      });
      assert.equal(freeText.status, 400);

      const ok = await api('supervisor', `/tasks/${task.id}/outcome`, { outcome: 'delivered', checklist: FULL_CHECKLIST });
      assert.equal(ok.status, 200, await ok.clone().text());
      const done = (await f.ctx.repos.tasks.findById(task.id))!;
      assert.equal(done.status, 'done');
      assert.equal(done.call_outcome, 'delivered');
      assert.equal(done.calling_since, null);
      const attempt = (await latestCall(task.id))!;
      assert.equal(attempt.outcome, 'delivered');
      assert.equal((attempt.checklist as Record<string, string>).second_person, 'family_declined');
      await untilState('supervisor', 'available');
    },
  );

  it(
    'a family that does not answer is rescheduled inside its window; after the last attempt the task goes back to a supervisor',
    { timeout: 90_000 },
    async () => {
      carrier.script(PHONES.operator, { answer: 'answer', digits: ['1'] });
      const { task, phone } = await seedTask({ kind: 'callback', window: 'evening', family: { answer: 'no-answer' } });
      await onDuty('operator');
      for (const attempt of [1, 2]) {
        const res = await api('operator', `/tasks/${task.id}/call`, {});
        assert.equal(res.status, 202, await res.clone().text());
        const c = await waitFor('the attempt to end', async () => {
          const x = await latestCall(task.id);
          return x?.attempt_no === attempt && x.stage === 'ended' ? x : undefined;
        });
        assert.equal(c.outcome, 'no_answer');
        await untilState('operator', 'available');
        const t = (await f.ctx.repos.tasks.findById(task.id))!;
        assert.equal(t.call_attempts, attempt);
        assert.equal(t.call_outcome, 'no_answer');
        assert.equal(t.calling_since, null);
        assert.equal(t.status, 'open');
        if (attempt === 1) {
          // Rescheduled: at least an hour later, in the evening in the family's zone.
          const next = DateTime.fromJSDate(t.next_attempt_at!, { zone: 'Europe/Moscow' });
          assert.ok(next.hour >= 17 && next.hour < 21, `next attempt at ${next.toISO()} is in the evening window`);
          assert.ok(t.next_attempt_at!.getTime() >= Date.now() + 59 * 60_000);
          assert.equal(t.back_to_supervisor, false);
        } else {
          assert.equal(t.back_to_supervisor, true);
          assert.equal(t.next_attempt_at, null);
        }
      }
      assert.equal(callsTo(phone).length, 2);
      assert.ok(
        carrier.log.some((e) => e.kind === 'say' && /did not answer/.test(e.text ?? '')),
        'the operator is told',
      );
      // Back with a supervisor: an operator may no longer call it, and the task list shows it.
      const refused = await api('operator', `/tasks/${task.id}/call`, {});
      assert.equal(refused.status, 403);
      const list = (await (await api('supervisor', '/tasks')).json()) as { open: { id: number; backToSupervisor: boolean }[] };
      assert.equal(list.open.find((t) => t.id === task.id)?.backToSupervisor, true);
      assert.equal(callsTo(phone).length, 2);
    },
  );

  it('an operator cannot call a restricted task (403) and nothing changes', { timeout: 60_000 }, async () => {
    const { task, phone } = await seedTask({ kind: 'bad_news' });
    await onDuty('operator');
    const dials = carrier.calls.size;
    const res = await api('operator', `/tasks/${task.id}/call`, {});
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as { error: string }).error, 'restricted_task');
    assert.equal(carrier.calls.size, dials);
    assert.equal(callsTo(phone).length, 0);
    assert.equal(await latestCall(task.id), undefined);
    const t = (await f.ctx.repos.tasks.findById(task.id))!;
    assert.equal(t.calling_since, null);
    assert.equal(t.call_attempts, 0);
    assert.equal((await desk().get(f.staff.operator.userId))?.state, 'available');
  });

  it('a double click, even by two people at once, starts one call', { timeout: 60_000 }, async () => {
    carrier.script(PHONES.supervisor, { answer: 'no-answer' });
    carrier.script(PHONES.admin, { answer: 'no-answer' });
    const { task } = await seedTask({ kind: 'callback' });
    await onDuty('supervisor');
    await onDuty('admin');
    const before = callsTo(PHONES.supervisor).length + callsTo(PHONES.admin).length;
    const results = await Promise.all([
      api('supervisor', `/tasks/${task.id}/call`, {}),
      api('supervisor', `/tasks/${task.id}/call`, {}),
      api('admin', `/tasks/${task.id}/call`, {}),
    ]);
    assert.deepEqual(results.map((r) => r.status).sort(), [202, 409, 409]);
    assert.equal(callsTo(PHONES.supervisor).length + callsTo(PHONES.admin).length, before + 1);
    assert.equal((await f.ctx.repos.taskCalls.listForTask(task.id)).length, 1);
    // The rung person did not answer: the lock is released and they are set unavailable until they say so.
    const c = await untilStage(task.id, 'ended');
    await untilState(c.operator_user_id === f.staff.admin.userId ? 'admin' : 'supervisor', 'unavailable');
    assert.equal((await f.ctx.repos.tasks.findById(task.id))!.calling_since, null);
    await desk().goOffDuty(f.staff.admin.userId);
  });

  it('someone not on duty is told to go on duty at the desk first', { timeout: 60_000 }, async () => {
    const { task } = await seedTask({ kind: 'callback' });
    await desk().goOffDuty(f.staff.operator.userId);
    const res = await api('operator', `/tasks/${task.id}/call`, {});
    assert.equal(res.status, 409);
    const body = (await res.json()) as { error: string; message: string };
    assert.equal(body.error, 'not_on_duty');
    assert.match(body.message, /go on duty at the desk first/);
    assert.equal(await latestCall(task.id), undefined);
    assert.equal((await f.ctx.repos.tasks.findById(task.id))!.calling_since, null);
  });

  it("lists tasks inside the family's callback window first", { timeout: 60_000 }, async () => {
    const hour = DateTime.now().setZone('Europe/Moscow').hour;
    const outside = Object.entries(CALLBACK_WINDOWS).find(([, [from, to]]) => hour < from || hour >= to)![0];
    const later = await seedTask({ kind: 'callback', window: outside });
    const due = await seedTask({ kind: 'callback', window: 'any' });
    const list = (await (await api('operator', '/tasks')).json()) as { open: { id: number }[] };
    const ids = list.open.map((t) => t.id);
    assert.ok(ids.indexOf(due.task.id) < ids.indexOf(later.task.id), 'the task due now comes first, though it is newer');
  });

  it(
    'from the console: call now, the record with its source on screen, and the wrap-up form refuses an unticked item',
    { timeout: 90_000 },
    async () => {
      carrier.script(PHONES.supervisor, { answer: 'answer', digits: ['1'] });
      const { task, phone } = await seedTask({ kind: 'bad_news' });
      await onDuty('supervisor');
      const { cookie, csrf } = await f.session(f.staff.supervisor.userId);
      const post = (path: string, form: Record<string, string>) =>
        fetch(`${f.url}${path}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
        });
      const list = await (await fetch(`${f.url}/console/tasks`, { headers: { cookie } })).text();
      assert.match(list, new RegExp(`action="/console/tasks/${task.id}/call"`));
      const res = await post(`/console/tasks/${task.id}/call`, {});
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), `/console/tasks/${task.id}/call`);
      await untilStage(task.id, 'wrap_up');
      const dials = carrier.log.filter((e) => e.kind === 'dial').map((e) => e.callSid);
      assert.ok(dials.indexOf(callsTo(PHONES.supervisor).at(-1)!.sid) < dials.indexOf(callsTo(phone)[0]!.sid));
      const page = await (await fetch(`${f.url}/console/tasks/${task.id}/call`, { headers: { cookie } })).text();
      assert.match(page, /NIB list 2026-11-30/);
      assert.match(page, /id="outcome-form"/);
      const form = Object.fromEntries(Object.entries(FULL_CHECKLIST).map(([k, v]) => [`checklist[${k}]`, v]));
      const refused = await post(`/console/tasks/${task.id}/outcome`, { outcome: 'delivered', ...form, 'checklist[support_referral]': '' });
      assert.equal(refused.status, 400);
      assert.match(await refused.text(), /a support referral/);
      assert.equal((await f.ctx.repos.tasks.findById(task.id))!.status, 'open');
      const ok = await post(`/console/tasks/${task.id}/outcome`, { outcome: 'delivered', ...form });
      assert.equal(ok.status, 303);
      const done = (await f.ctx.repos.tasks.findById(task.id))!;
      assert.equal(done.status, 'done');
      assert.equal(done.call_outcome, 'delivered');
      // A wrap-up for someone else's call is refused.
      const other = await seedTask({ kind: 'callback' });
      carrier.script(PHONES.supervisor, { answer: 'answer', digits: ['1'] });
      await untilState('supervisor', 'available');
      assert.equal((await api('supervisor', `/tasks/${other.task.id}/call`, {})).status, 202);
      await untilStage(other.task.id, 'wrap_up');
      const notMine = await api('admin', `/tasks/${other.task.id}/outcome`, { outcome: 'reached' });
      assert.equal(notMine.status, 403);
      assert.equal((await latestCall(other.task.id))!.stage, 'wrap_up');
      const asked = await api('supervisor', `/tasks/${other.task.id}/outcome`, { outcome: 'asked_not_to_call' });
      assert.equal(asked.status, 200);
      const closed = (await f.ctx.repos.tasks.findById(other.task.id))!;
      assert.equal(closed.status, 'done');
      assert.equal(closed.call_outcome, 'asked_not_to_call');
      assert.equal((await api('supervisor', `/tasks/${other.task.id}/call`, {})).status, 409);
    },
  );
});
