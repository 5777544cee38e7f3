import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { useConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';
import { seedDetainee } from '../support/hotline-seed.js';
import { newCallSid } from '../support/voice-harness.js';
import { waitFor } from '../support/wait-for.js';
import { loadFlow } from '../../src/flow-engine/load-flow.js';
import { runCall } from '../../src/telephony/simulated/twiml-executor.js';
import { scriptedParty } from '../../src/telephony/simulated/party.js';
import { createSignedTransport } from '../../src/telephony/simulated/signed-transport.js';

// O-06, C-05: an operator flags a caller number, a supervisor confirms, and that number's status lookups hear
// the negative answer, through the voice webhooks of a listening kinline, real Redis and a real database.
let f: ConsoleFixture;
let P: Record<string, string>;
const statusDigits = (ref: string, secret: string) => ['1', '1', `${ref}#`, '1', `${secret}#`, 'h'];

useConsoleFixture(
  // Budgets wide enough that the wrong-secret comparison call does not suspend the reference.
  {
    env: {
      HOTLINE_LINE_CHANNELS: '1000',
      HOTLINE_REFERENCE_FAILURES_PER_HOUR: '20',
      HOTLINE_REFERENCE_FAILURES_PER_DAY: '20',
      HOTLINE_REFERENCE_FAILURES_PER_MONTH: '20',
    },
  },
  async (fixture) => {
    f = fixture;
    P = (await loadFlow('flows/hotline')).prompts.ru;
  },
);

async function call(from: string, digits: string[]) {
  const transport = createSignedTransport({ authToken: f.ctx.config.twilio.authToken, targetBaseUrl: f.url });
  return runCall({
    url: `${f.url}/voice/incoming`,
    params: {
      CallSid: newCallSid(),
      AccountSid: f.ctx.config.twilio.accountSid,
      From: from,
      To: f.ctx.config.twilio.hotlineNumber,
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
    },
    party: scriptedParty(digits),
    transport,
    statusCallback: `${f.url}/voice/status`,
  });
}

async function api(role: 'operator' | 'supervisor' | 'caller_desk', method: string, path: string, body?: unknown) {
  const res = await fetch(`${f.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${f.staff[role].token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("a confirmed fraud flag blocks the number's lookups (O-06, C-05)", () => {
  it(
    'pending: still answered; confirmed: the negative answer, like a wrong secret; other numbers unaffected',
    { timeout: 90_000 },
    async () => {
      const s = await seedDetainee(f.ctx, { consent: ['held'] });
      const flagged = '+79165550101';
      const other = '+79165550102';
      assert.ok((await call(flagged, statusDigits(s.reference, s.secret))).heard.includes(P['disclosure.held']));

      const created = await api('operator', 'POST', '/api/caller-flags', { number: '8 916 555-01-01', reason: 'probing_for_status' });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      assert.equal(created.body.status, 'pending');
      assert.equal(created.body.maskedNumber, '+*********01');
      // The flag reaches supervisors only: operators see neither the list nor its restricted task (S-05).
      assert.equal((await api('operator', 'GET', '/api/caller-flags')).status, 403);
      const opTasks = await api('operator', 'GET', '/api/tasks');
      assert.deepEqual(opTasks.body.restricted, []);
      const supTasks = await api('supervisor', 'GET', '/api/tasks');
      assert.ok((supTasks.body.restricted as Array<{ kind: string }>).some((t) => t.kind === 'fraud_flag'));
      assert.ok(
        (await call(flagged, statusDigits(s.reference, s.secret))).heard.includes(P['disclosure.held']),
        'a pending flag blocks nothing',
      );

      assert.equal(
        (await api('operator', 'POST', `/api/caller-flags/${created.body.id}/decide`, { decision: 'confirm', note: 'probe' })).status,
        403,
      );
      const noNote = await api('supervisor', 'POST', `/api/caller-flags/${created.body.id}/decide`, { decision: 'confirm' });
      assert.equal(noNote.status, 400, 'a block needs a note (O-06)');
      const confirmed = await api('supervisor', 'POST', `/api/caller-flags/${created.body.id}/decide`, {
        decision: 'confirm',
        note: 'asked about three men in one call',
      });
      assert.equal(confirmed.status, 200);
      assert.equal(confirmed.body.status, 'confirmed');
      const audit = await f.ctx.repos.audit.list({ limit: 50 });
      const entry = audit.find((e) => e.action === 'caller_flag.confirm');
      assert.ok(entry, 'the confirmation is audited');
      assert.doesNotMatch(JSON.stringify(entry), /three men|9165550101/, 'the audit entry holds neither the note nor the number');

      const blocked = await call(flagged, statusDigits(s.reference, s.secret));
      assert.ok(blocked.heard.includes(P['status.negative']), 'the blocked number hears the negative answer');
      assert.ok(!blocked.heard.includes(P['disclosure.held']));
      // C-05: the same words as any other failure: a wrong secret from an unflagged number.
      const wrong = await call(other, statusDigits(s.reference, '9999'));
      assert.deepEqual(blocked.documents.slice(4), wrong.documents.slice(4));
      await waitFor('the blocked lookup audited', async () =>
        (await f.ctx.repos.audit.list({ limit: 50 })).some((e) => e.action === 'caller_flag.lookup_blocked'),
      );
      assert.ok(
        (await call(other, statusDigits(s.reference, s.secret))).heard.includes(P['disclosure.held']),
        'another number is not blocked',
      );

      // Kept as the keyed hash and a masked form, never the number itself (C-13).
      const rows = await sql<{ row: string }>`select row_to_json(f)::text as row from caller_flags f`.execute(f.ctx.db);
      assert.ok(rows.rows.length > 0);
      for (const r of rows.rows) assert.doesNotMatch(r.row, /9165550101/);

      // A mistaken block is lifted by a supervisor (noted, audited): the number hears its answer again.
      const lift = (role: 'operator' | 'supervisor', body: object) =>
        api(role, 'POST', `/api/caller-flags/${created.body.id}/decide`, body);
      assert.equal((await lift('operator', { decision: 'lift', note: 'her son confirmed' })).status, 403);
      const lifted = await lift('supervisor', { decision: 'lift', note: 'her son confirmed it is his mother' });
      assert.equal(lifted.status, 200);
      assert.equal(lifted.body.status, 'lifted');
      assert.equal((await lift('supervisor', { decision: 'lift', note: 'twice' })).status, 409, 'only a confirmed flag is lifted');
      assert.ok((await f.ctx.repos.audit.list({ limit: 50 })).some((e) => e.action === 'caller_flag.lift'));
      assert.ok((await call(flagged, statusDigits(s.reference, s.secret))).heard.includes(P['disclosure.held']), 'unblocked');
    },
  );

  it('a rejected flag blocks nothing and closes its task', { timeout: 60_000 }, async () => {
    const s = await seedDetainee(f.ctx, { consent: ['held'] });
    const number = '+79165550103';
    const created = await api('operator', 'POST', '/api/caller-flags', { number, reason: 'asked_for_money' });
    const rejected = await api('supervisor', 'POST', `/api/caller-flags/${created.body.id}/decide`, {
      decision: 'reject',
      note: 'a real mother',
    });
    assert.equal(rejected.body.status, 'rejected');
    const again = await api('supervisor', 'POST', `/api/caller-flags/${created.body.id}/decide`, {
      decision: 'confirm',
      note: 'changed mind',
    });
    assert.equal(again.status, 409);
    const flag = await f.ctx.repos.callerFlags.findById(Number(created.body.id));
    assert.equal((await f.ctx.repos.tasks.findById(flag!.task_id!))?.status, 'done');
    assert.ok((await call(number, statusDigits(s.reference, s.secret))).heard.includes(P['disclosure.held']));
  });

  it('the console: an operator flags from a form; a supervisor sees the masked number and decides', { timeout: 60_000 }, async () => {
    const op = await f.session(f.staff.operator.userId);
    const page = await fetch(`${f.url}/console/caller-flags`, { headers: { cookie: op.cookie } });
    assert.equal(page.status, 200);
    assert.doesNotMatch(await page.text(), /id="caller-flags"/, 'operators do not see the flags');
    const post = await fetch(`${f.url}/console/caller-flags`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie: op.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: op.csrf, number: '+380501234599', reason: 'impersonation' }),
    });
    assert.equal(post.status, 303);
    const sup = await f.session(f.staff.supervisor.userId);
    const list = await (await fetch(`${f.url}/console/caller-flags`, { headers: { cookie: sup.cookie } })).text();
    assert.match(list, /\+\*{10}99/);
    assert.doesNotMatch(list, /380501234599/);
  });
});
