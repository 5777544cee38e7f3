import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { useConsoleFixture, withCallFeature, type ConsoleFixture } from '../support/console-fixture.js';
import { seedCallFixture } from '../support/call-fixture.js';
import { requestCall } from '../../src/calls/request-call.js';
import { denyCallRequest } from '../../src/calls/deny-call-request.js';
import { scheduleCall } from '../../src/calls/schedule-call.js';
import { cancelCall } from '../../src/calls/cancel-call.js';
import { CANCEL_REASONS, DENY_REASONS } from '../../src/calls/reason-codes.js';
import { reasonText } from '../../src/records/reason-texts.js';
import { isCallable } from '../../src/records/callback-tasks.js';
import { storedForms } from '../../src/records/erase-contact-data.js';
import { operatorAnswered } from '../../src/desk/handle-task-call-webhooks.js';
import { LANGUAGES, type Role } from '../../src/storage/schema.js';

let f: ConsoleFixture;
useConsoleFixture({ prepare: withCallFeature }, (fixture) => (f = fixture));

async function api(role: Role, method: string, path: string, body?: unknown) {
  const res = await fetch(`${f.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${f.staff[role].token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json().catch(() => undefined)) as Record<string, unknown> & { results?: never[] } };
}

async function page(role: Role, path: string): Promise<string> {
  const s = await f.session(f.staff[role].userId);
  return (await fetch(`${f.url}${path}`, { headers: { cookie: s.cookie } })).text();
}

const reasonTasks = (contactId: number) =>
  f.ctx.db.selectFrom('tasks').selectAll().where('kind', '=', 'call_reason').where('contact_id', '=', contactId).orderBy('id').execute();

describe('reasons reach both sides (O-07, S-01)', () => {
  it('every deny and cancel code has a text in ru, uk and en', { timeout: 10_000 }, () => {
    for (const [kind, codes] of [
      ['deny', DENY_REASONS],
      ['cancel', CANCEL_REASONS],
    ] as const)
      for (const code of codes)
        for (const lang of LANGUAGES) {
          const text = reasonText(kind, code, lang);
          assert.ok(text.split('. ').length >= 2 || text.split('.').length >= 3, `${kind}:${code} in ${lang} has a reason: ${text}`);
        }
    assert.equal(reasonText('deny', 'no_such_code', 'en'), 'The call request was not approved.');
  });

  it(
    'a denial gives the detainee a notice in his language and the family a callable task with the reason',
    { timeout: 60_000 },
    async () => {
      const fx = await seedCallFixture(f.ctx, { language: 'ru' });
      await f.ctx.db.updateTable('contacts').set({ language: 'uk' }).where('id', '=', fx.contactId).execute();
      const rq = await requestCall(f.ctx, { detaineeReference: fx.reference, contactPhone: fx.contactPhone, earliest: new Date() }, 'op');
      await denyCallRequest(f.ctx, rq.id, { reason: 'quota_reached' }, 'sup');

      const [task] = await reasonTasks(fx.contactId);
      assert.equal(task.reason_code, 'deny:quota_reached');
      assert.equal(task.language, 'uk', "the family's language");
      assert.ok(isCallable(task), 'the desk can call it');
      assert.match(await page('operator', `/console/tasks/${task.id}/call`), /All calls for this week have been used/);
      // The desk's call: the operator's phone hears the reason, in the operator's language, before "press 1".
      const taskCall = await f.ctx.db
        .insertInto('task_calls')
        .values({ task_id: task.id, attempt_no: 1, operator: 'op', operator_user_id: f.staff.operator.userId, language: 'uk' })
        .returning('id')
        .executeTakeFirstOrThrow();
      assert.match(
        await operatorAnswered(f.ctx, taskCall.id),
        /Запит на дзвінок не схвалено\. Усі дзвінки на цей тиждень уже використано\.<\/Say><Say[^>]*>Дзвінок родині/,
      );

      const list = await api('operator', 'GET', `/notices?facilityId=${fx.facilityId}`);
      assert.equal(list.status, 200);
      const notices = list.json.results as unknown as Array<{ id: number; text: string; detaineeId: number; kind: string }>;
      assert.equal(notices.length, 1);
      assert.equal(notices[0].kind, 'call_denied');
      assert.equal(notices[0].text, 'Запрос на звонок не одобрен. Все звонки на эту неделю уже использованы.', "the detainee's language");
      assert.match(await page('operator', `/console/notices?facility=${fx.facilityId}`), /Все звонки на эту неделю уже использованы/);

      const read = await api('operator', 'POST', `/notices/${notices[0].id}/read`, {});
      assert.equal(read.status, 200);
      assert.equal(read.json.readBy, 'test-operator');
      assert.equal((await api('operator', 'POST', `/notices/${notices[0].id}/read`, {})).status, 409, 'read once');
      const audit = await f.ctx.repos.audit.list({ subjectType: 'detainee', subjectId: String(fx.detaineeId) });
      assert.ok(audit.some((a) => a.action === 'notice.read' && a.actor === 'test-operator'));
      assert.deepEqual((await api('operator', 'GET', `/notices?facilityId=${fx.facilityId}`)).json.results, []);
    },
  );

  it('a cancellation does the same, and the side that asked for it is not told again', { timeout: 60_000 }, async () => {
    const fx = await seedCallFixture(f.ctx, { language: 'uk' });
    const call = () =>
      scheduleCall(
        f.ctx,
        {
          detaineeId: fx.detaineeId,
          contactId: fx.contactId,
          startAt: new Date(Date.now() + 3_600_000),
          facilityLine: fx.facilityLine,
          supervisorPhone: fx.supervisorPhone,
          maxMinutes: 10,
          language: 'uk',
        },
        'sup',
      );
    await cancelCall(f.ctx, (await call()).id, { reason: 'transfer' }, 'sup');
    const notices = await f.ctx.repos.notices.listUnread(fx.facilityId);
    assert.deepEqual(
      notices.map((n) => [n.kind, n.reason_code]),
      [['call_cancelled', 'cancel:transfer']],
    );
    assert.deepEqual(
      (await reasonTasks(fx.contactId)).map((t) => t.reason_code),
      ['cancel:transfer'],
    );
    await cancelCall(f.ctx, (await call()).id, { reason: 'contact_request' }, 'sup');
    assert.equal((await reasonTasks(fx.contactId)).length, 1, 'the family asked: no callback to tell them');
    assert.equal((await f.ctx.repos.notices.listUnread(fx.facilityId)).length, 2, 'the detainee is told');
  });
});

/** Every text, varchar, char and json column of every table that holds one of `forms`, as `table.column holds form`. */
async function tablesHolding(forms: string[]): Promise<string[]> {
  const columns = await sql<{ table_name: string; column_name: string }>`
    SELECT table_name, column_name FROM information_schema.columns
    WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character', 'json', 'jsonb')`.execute(f.ctx.db);
  assert.ok(columns.rows.length > 40, `all columns are searched (${columns.rows.length})`);
  const found: string[] = [];
  for (const { table_name, column_name } of columns.rows)
    for (const form of forms) {
      const hit = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM ${sql.table(table_name)} WHERE ${sql.ref(column_name)}::text LIKE ${`%${form}%`}`.execute(f.ctx.db);
      if (hit.rows[0].n > 0) found.push(`${table_name}.${column_name} holds ${form}`);
    }
  return found;
}

describe('deletion on request (C-11, C-13, A-01)', () => {
  it(
    "leaves no trace of the relative's number in any text or json column, nor in Redis; the detainee stays",
    { timeout: 90_000 },
    async () => {
      const fx = await seedCallFixture(f.ctx);
      const phone = fx.contactPhone;
      await f.ctx.db.updateTable('contacts').set({ spoken_name: 'Олена Іванівна' }).where('id', '=', fx.contactId).execute();
      const forms = storedForms(phone);
      assert.ok(forms.includes(phone) && forms.includes(phone.slice(1)), 'E.164 and its digits are searched');
      const sid = (n: number) => `CA${String(n).padStart(32, '0')}`;
      // Everything a relative leaves: an enquiry, a callback task and a desk callback with its family leg, a reason
      // task, call-log entries and desk wrap-ups of those calls, a call session and a waiting caller in Redis.
      await f.ctx.repos.enquiries.create({
        callSid: sid(fx.contactId * 10 + 1),
        callerName: 'Maria',
        callbackPhone: phone,
        language: 'ru',
      });
      await f.ctx.repos.enquiries.create({ callSid: sid(fx.contactId * 10 + 2), callbackPhone: phone.slice(1), language: 'ru' });
      const cb = await f.ctx.repos.tasks.create({
        kind: 'callback',
        callSid: sid(fx.contactId * 10 + 3),
        callbackPhone: phone,
        summary: 'x',
      });
      const rq = await requestCall(f.ctx, { detaineeReference: fx.reference, contactPhone: phone, earliest: new Date() }, 'op');
      await denyCallRequest(f.ctx, rq.id, { reason: 'other' }, 'sup');
      await f.ctx.db
        .insertInto('task_calls')
        .values({
          task_id: cb.id,
          attempt_no: 1,
          operator: 'op',
          operator_user_id: f.staff.operator.userId,
          family_call_sid: sid(fx.contactId * 10 + 4),
        })
        .execute();
      for (const n of [1, 2, 3, 4])
        await f.ctx.db
          .insertInto('call_logs')
          .values({
            call_sid: sid(fx.contactId * 10 + n),
            direction: 'inbound',
            from_masked: phone,
            started_at: new Date(),
            updated_at: new Date(),
            path: '[]',
          })
          .execute();
      await f.ctx.db
        .insertInto('desk_wrap_ups')
        .values({
          operator_user_id: f.staff.operator.userId,
          operator_username: 'op',
          call_sid: sid(fx.contactId * 10 + 1),
          outcome: 'answered',
          note: `rang ${phone}`,
        })
        .execute();
      const prefix = f.ctx.config.redis.prefix;
      await f.ctx.redis.hset(`${prefix}:session:${sid(1)}`, { from: phone, step: 'menu' });
      await f.ctx.redis.set(`${prefix}:desk:waiting:${sid(1)}`, JSON.stringify({ phone, phoneMasked: '…' }), 'EX', 600);
      await f.ctx.redis.set(`${prefix}:unrelated`, 'kept', 'EX', 600);

      const before = await tablesHolding(forms);
      for (const place of [
        'contacts.phone',
        'enquiries.callback_phone',
        'tasks.callback_phone',
        'call_logs.from_masked',
        'desk_wrap_ups.note',
      ])
        assert.ok(
          before.some((b) => b.startsWith(place)),
          `the search finds the number in ${place} before the deletion`,
        );
      assert.doesNotMatch(await page('operator', `/console/contacts/${fx.contactId}`), /erase-form/);
      assert.match(
        await page('supervisor', `/console/contacts/${fx.contactId}`),
        /<form method="post" action="\/console\/contacts\/\d+\/erase" id="erase-form">.*name="confirm" required/s,
      );
      assert.equal((await api('operator', 'POST', `/contacts/${fx.contactId}/erase`, { confirm: true })).status, 403, 'supervisors only');
      assert.equal((await api('supervisor', 'POST', `/contacts/${fx.contactId}/erase`, {})).status, 400, 'confirmation required');
      const done = await api('supervisor', 'POST', `/contacts/${fx.contactId}/erase`, { confirm: true });
      assert.equal(done.status, 200);
      assert.deepEqual(done.json.erased, { callLogs: 4, wrapUps: 1, tasks: 2, enquiries: 2, redisKeys: 2 });

      assert.deepEqual(await tablesHolding(forms), []);

      const keys = await f.ctx.redis.keys(`${prefix}:*`);
      for (const key of keys) {
        const type = await f.ctx.redis.type(key);
        const v = type === 'string' ? await f.ctx.redis.get(key) : type === 'hash' ? JSON.stringify(await f.ctx.redis.hgetall(key)) : '';
        assert.ok(!forms.some((form) => v?.includes(form)), `${key} no longer holds the number`);
      }
      assert.equal(await f.ctx.redis.get(`${prefix}:unrelated`), 'kept');
      assert.ok(await f.ctx.repos.detainees.findById(fx.detaineeId), "the detainee's record is kept");
      const contact = await f.ctx.repos.contacts.findById(fx.contactId);
      assert.deepEqual(
        [contact?.name, contact?.spoken_name, contact?.relationship, contact?.secret_hash, contact?.blocked],
        ['', null, '', null, true],
      );
      const entry = (await f.ctx.repos.audit.list({ subjectType: 'contact', subjectId: String(fx.contactId) })).find(
        (a) => a.action === 'contact.erased',
      );
      assert.ok(entry, 'audited');
      assert.doesNotMatch(JSON.stringify(entry), /Maria|mother/, 'the entry names no one');
      assert.equal((await api('supervisor', 'POST', `/contacts/${fx.contactId}/erase`, { confirm: true })).status, 409);
      assert.match(await page('supervisor', `/console/contacts/${fx.contactId}`), /id="erased"/);
    },
  );
});
