import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase } from '../support/test-database.js';
import { createRepositories, type Repositories } from '../../src/storage/repositories/index.js';
import { SEARCH_LIMIT } from '../../src/storage/repositories/detainee-repository.js';
import { isValidReference } from '../../src/shared/reference.js';
import { normalisePhone } from '../../src/shared/phone.js';
import { AppError } from '../../src/shared/errors.js';
import { waitFor } from '../support/wait-for.js';

const KEY = 'repo-test-key-0123456789abcdef0123456';
let db: Awaited<ReturnType<typeof createTestDatabase>>;
let repos: Repositories;

before(
  async () => {
    db = await createTestDatabase();
    repos = createRepositories(db.db, KEY);
  },
  { timeout: 120_000 },
);
after(() => db.close(), { timeout: 60_000 });

const newDetainee = (familyName = 'Petrov', givenName = 'Ivan') =>
  repos.detainees.create({ familyName, givenName, status: 'held', birthDate: '1990-01-02' });

test('detainees get a random, valid, unique reference and come back as plain objects', { timeout: 60_000 }, async () => {
  const a = await newDetainee();
  const b = await newDetainee();
  assert.ok(isValidReference(a.reference) && isValidReference(b.reference));
  assert.notEqual(a.reference, b.reference);
  assert.equal(a.birth_date, '1990-01-02');
  assert.ok(a.status_at instanceof Date);
  assert.deepEqual(await repos.detainees.findByReference(a.reference), a);
  assert.equal((await repos.detainees.findByNaturalKey('PETROV', 'ivan', '1990-01-02'))?.family_name, 'Petrov');
  await assert.rejects(
    repos.detainees.create({ reference: a.reference, familyName: 'X', givenName: 'Y', status: 'held' }),
    /already in use/,
  );
});

test('detainee search is capped, whatever limit is asked for (no bulk export, A-09)', { timeout: 60_000 }, async () => {
  for (let i = 0; i < SEARCH_LIMIT + 5; i++) await newDetainee('Searchov', `N${i}`);
  assert.equal((await repos.detainees.search('searchov', 10_000)).length, SEARCH_LIMIT);
  assert.equal((await repos.detainees.search('searchov', 3)).length, 3);
  assert.equal((await repos.detainees.search('%')).length, 0, 'a wildcard is matched literally');
  assert.deepEqual(await repos.detainees.search('   '), []);
});

test('updating the status sets status_at; other updates leave it', { timeout: 60_000 }, async () => {
  const d = await newDetainee('Statusov');
  await waitFor('the clock to pass the first status time', async () => Date.now() > d.status_at.getTime());
  const moved = (await repos.detainees.update(d.id, { status: 'hospitalised', statusSource: 'medical report' }))!;
  assert.equal(moved.status, 'hospitalised');
  assert.ok(moved.status_at > d.status_at);
  const renamed = (await repos.detainees.update(d.id, { patronymic: 'Ivanovich' }))!;
  assert.equal(renamed.status_at.getTime(), moved.status_at.getTime());
});

test(
  'contacts: phones are normalised with the reason for an invalid one; the secret is stored only as a keyed hash',
  { timeout: 60_000 },
  async () => {
    const d = await newDetainee('Contactov');
    const phone = normalisePhone('8 916 123-45-67');
    assert.equal(phone.e164, '+79161234567');
    assert.equal(phone.timeZone, 'Europe/Moscow');
    assert.equal(normalisePhone('+380 44 123 4567').timeZone, 'Europe/Kyiv');
    assert.throws(
      () => normalisePhone('+7916123'),
      (e: unknown) => e instanceof AppError && e.code === 'invalid_phone' && /not valid/.test(e.message),
    );
    assert.throws(
      () => normalisePhone('call me'),
      (e: unknown) => e instanceof AppError && e.code === 'invalid_phone',
    );

    const c = await repos.contacts.create({
      detaineeId: d.id,
      name: 'Anna',
      relationship: 'mother',
      phone: phone.e164,
      timeZone: phone.timeZone,
      secret: '482913',
    });
    const stored = JSON.stringify(await db.db.selectFrom('contacts').selectAll().where('id', '=', c.id).executeTakeFirst());
    assert.ok(!stored.includes('482913'), 'the plain secret must not be stored');
    assert.match(c.secret_hash!, /^[0-9a-f]{64}$/);
    assert.ok(repos.contacts.secretMatches(c, '482913'));
    assert.equal(repos.contacts.secretMatches(c, '482914'), false);
    assert.equal(createRepositories(db.db, 'another-key-0123456789abcdef01234567').contacts.secretMatches(c, '482913'), false);
    await repos.contacts.setSecret(c.id, '1111');
    const after = (await repos.contacts.findById(c.id))!;
    assert.ok(repos.contacts.secretMatches(after, '1111') && !repos.contacts.secretMatches(after, '482913'));
    const noSecret = await repos.contacts.create({
      detaineeId: d.id,
      name: 'Olga',
      relationship: 'wife',
      phone: '+79161234568',
      timeZone: 'Europe/Moscow',
    });
    assert.equal(repos.contacts.secretMatches(noSecret, ''), false);
    assert.equal((await repos.contacts.findByDetaineeAndPhone(d.id, phone.e164))?.id, c.id);
    await assert.rejects(repos.contacts.create({ detaineeId: d.id, name: 'Dup', relationship: 'x', phone: phone.e164, timeZone: 'UTC' }));
    assert.equal(await repos.contacts.stopCallsToPhone(phone.e164), 1);
    assert.equal((await repos.contacts.findById(c.id))?.calls_stopped, true);
  },
);

test('consent ledger: append-only, the latest entry per scope wins, the history keeps everything', { timeout: 60_000 }, async () => {
  const d = await newDetainee('Consentov');
  const c = await repos.contacts.create({
    detaineeId: d.id,
    name: 'A',
    relationship: 'mother',
    phone: '+79161230000',
    timeZone: 'Europe/Moscow',
  });
  assert.deepEqual(await repos.consent.current(c.id), { held: false, health: false, messages: false, calls: false });
  const base = { contactId: c.id, language: 'ru' as const, witness: 'officer 12' };
  await repos.consent.append({ ...base, scope: 'held', granted: true });
  await repos.consent.append({ ...base, scope: 'health', granted: true });
  await repos.consent.append({ ...base, scope: 'health', granted: false, prompt: 'revoked on visit' });
  assert.deepEqual(await repos.consent.current(c.id), { held: true, health: false, messages: false, calls: false });
  const history = await repos.consent.history(c.id);
  assert.deepEqual(
    history.map((h) => [h.scope, h.granted]),
    [
      ['held', true],
      ['health', true],
      ['health', false],
    ],
  );
  assert.equal(history[2].witness, 'officer 12');
  assert.equal(history[2].prompt, 'revoked on visit');
});

test(
  'status facts: the detainee, his contacts and each contact’s current consent; nothing for an unknown reference',
  { timeout: 60_000 },
  async () => {
    const d = await newDetainee('Factov');
    const a = await repos.contacts.create({
      detaineeId: d.id,
      name: 'A',
      relationship: 'mother',
      phone: '+79161230001',
      timeZone: 'Europe/Moscow',
      secret: '1234',
    });
    const b = await repos.contacts.create({
      detaineeId: d.id,
      name: 'B',
      relationship: 'wife',
      phone: '+79161230002',
      timeZone: 'Europe/Moscow',
      blocked: true,
    });
    const base = { contactId: a.id, language: 'ru' as const, witness: 'officer' };
    await repos.consent.append({ ...base, scope: 'held', granted: true });
    await repos.consent.append({ ...base, scope: 'health', granted: true });
    await repos.consent.append({ ...base, scope: 'health', granted: false });
    const facts = await repos.detainees.statusFacts(d.reference);
    assert.deepEqual(facts.detainee, { id: d.id, status: 'held', health_category: null, possibly_dead: false });
    assert.deepEqual(
      facts.contacts.map((c) => [c.id, c.blocked, c.consent, !!c.secret_hash]),
      [
        [a.id, false, { held: true, health: false, messages: false, calls: false }, true],
        [b.id, true, { held: false, health: false, messages: false, calls: false }, false],
      ],
    );
    assert.deepEqual(await repos.detainees.statusFacts('0000000000'), { contacts: [] });
  },
);

test('a transaction commits its repositories’ writes together, or none of them when it throws', { timeout: 60_000 }, async () => {
  const kept = await repos.transaction(async (trx) => {
    const f = await trx.facilities.upsert({ name: 'Trx kept' });
    return trx.detainees.create({ familyName: 'Trxov', givenName: 'Kept', status: 'held', facilityId: f.id });
  });
  assert.equal((await repos.detainees.findById(kept.id))?.family_name, 'Trxov');
  await assert.rejects(
    repos.transaction(async (trx) => {
      await trx.facilities.upsert({ name: 'Trx dropped' });
      await trx.detainees.create({ familyName: 'Trxov', givenName: 'Dropped', status: 'held' });
      throw new Error('stop');
    }),
    /stop/,
  );
  assert.equal(await repos.detainees.findByNaturalKey('Trxov', 'Dropped', null), undefined);
  assert.equal(
    (await repos.facilities.list()).some((f) => f.name === 'Trx dropped'),
    false,
  );
});

test(
  'enquiries, messages and tasks are idempotent per call or recording; call requests are decided once',
  { timeout: 60_000 },
  async () => {
    const e1 = await repos.enquiries.create({ callSid: 'CAenq1', language: 'ru', soughtName: 'X' });
    const e2 = await repos.enquiries.create({ callSid: 'CAenq1', language: 'ru', soughtName: 'X' });
    assert.equal(e1.id, e2.id);
    assert.notEqual((await repos.enquiries.create({ language: 'uk' })).id, (await repos.enquiries.create({ language: 'uk' })).id);

    const d = await newDetainee('Idempotov');
    const m1 = await repos.messages.create({ detaineeId: d.id, direction: 'to_detainee', recordingSid: 'RE1' });
    const m2 = await repos.messages.create({ detaineeId: d.id, direction: 'to_detainee', recordingSid: 'RE1' });
    assert.equal(m1.id, m2.id);
    assert.equal((await repos.messages.listByDetainee(d.id)).length, 1);

    const t1 = await repos.tasks.create({ kind: 'bad_news', callSid: 'CAtask', priority: 1 });
    const t2 = await repos.tasks.create({ kind: 'bad_news', callSid: 'CAtask', callbackWindow: 'evening' });
    assert.equal(t1.id, t2.id);
    assert.equal(t2.callback_window, 'evening');
    assert.notEqual((await repos.tasks.create({ kind: 'callback', callSid: 'CAtask' })).id, t1.id);

    const c = await repos.contacts.create({
      detaineeId: d.id,
      name: 'A',
      relationship: 'mother',
      phone: '+79161239999',
      timeZone: 'Europe/Moscow',
    });
    const r = await repos.callRequests.create({ detaineeId: d.id, contactId: c.id, source: 'detainee', earliest: new Date() });
    assert.equal(r.status, 'pending_approval');
    assert.equal((await repos.callRequests.decide(r.id, 'approved', 'sup', 'ok'))?.status, 'approved');
    assert.equal(await repos.callRequests.decide(r.id, 'denied', 'sup2', 'late'), undefined, 'a second decision is refused');
    assert.equal((await repos.callRequests.findById(r.id))?.decided_by, 'sup');
  },
);

test('call log: a status delivered twice or out of order never moves a terminal status back', { timeout: 60_000 }, async () => {
  await repos.callLogs.record({ callSid: 'CAlog1', fromMasked: '+*********67' });
  await repos.callLogs.record({ callSid: 'CAlog1', final: { status: 'ringing', sequence: 1, durationSeconds: null } });
  await repos.callLogs.record({ callSid: 'CAlog1', final: { status: 'in-progress', sequence: 2, durationSeconds: null } });
  await repos.callLogs.record({ callSid: 'CAlog1', final: { status: 'completed', sequence: 3, durationSeconds: 42 } });
  await repos.callLogs.record({ callSid: 'CAlog1', final: { status: 'completed', sequence: 3, durationSeconds: 42 } }); // delivered twice
  await repos.callLogs.record({ callSid: 'CAlog1', final: { status: 'in-progress', sequence: 2, durationSeconds: null } }); // late
  await repos.callLogs.record({ callSid: 'CAlog1', final: { status: 'ringing', sequence: 4, durationSeconds: null } }); // even with a higher sequence
  let log = (await repos.callLogs.find('CAlog1'))!;
  assert.equal(log.final_status, 'completed');
  assert.equal(log.duration_seconds, 42);
  assert.equal(log.last_sequence, 3);

  // The terminal status first, the earlier ones after (a status callback can beat the step webhook).
  await repos.callLogs.record({ callSid: 'CAlog2', final: { status: 'completed', sequence: 5, durationSeconds: 10 } });
  await repos.callLogs.record({ callSid: 'CAlog2', final: { status: 'ringing', sequence: 1, durationSeconds: null } });
  log = (await repos.callLogs.find('CAlog2'))!;
  assert.equal(log.final_status, 'completed');
  assert.equal(log.duration_seconds, 10);

  await repos.callLogs.record({ callSid: 'CAlog1', path: [{ step: 'greeting', at: 't0' }] });
  await repos.callLogs.record({ callSid: 'CAlog1', path: [{ step: 'greeting', at: 't0' }] }); // written again
  await repos.callLogs.record({
    callSid: 'CAlog1',
    path: [
      { step: 'greeting', at: 't0' },
      { step: 'menu', input: '1', at: 't1' },
    ],
  });
  assert.deepEqual(
    ((await repos.callLogs.find('CAlog1'))!.path as unknown as { step: string }[]).map((s) => s.step),
    ['greeting', 'menu'],
  );
});

test(
  'call log: the end of a flow and the final status write one row, in either order, keeping what each knows',
  { timeout: 60_000 },
  async () => {
    const steps = (n: number) =>
      ['greeting', 'language', 'main', 'operator', 'operator_queue'].slice(0, n).map((step, i) => ({ step, at: `t${i}` }));
    const stepsOf = async (callSid: string) =>
      ((await repos.callLogs.find(callSid))!.path as unknown as { step: string }[]).map((s) => s.step);
    const early = new Date('2026-06-01T09:00:00Z');
    const late = new Date('2026-06-01T09:05:00Z');

    // The flow's end first, then a final status whose session had expired (no path) and one that knew fewer steps.
    await repos.callLogs.record({
      callSid: 'CArec1',
      fromMasked: '+*********67',
      language: 'uk',
      startedAt: late,
      path: steps(5),
      outcome: 'operator_queue',
      flagged: true,
      stirVerstat: 'TN-Validation-Passed-A',
    });
    await repos.callLogs.record({ callSid: 'CArec1', final: { status: 'completed', sequence: 4, durationSeconds: 900 } });
    await repos.callLogs.record({
      callSid: 'CArec1',
      fromMasked: '+*********99',
      language: 'ru',
      startedAt: early,
      path: steps(2),
      outcome: null,
      flagged: false,
      stirVerstat: 'No-TN-Validation',
      final: { status: 'completed', sequence: 4, durationSeconds: 900 },
    });
    let log = (await repos.callLogs.find('CArec1'))!;
    assert.deepEqual(
      await stepsOf('CArec1'),
      ['greeting', 'language', 'main', 'operator', 'operator_queue'],
      'never a shorter path over a longer one',
    );
    assert.equal(log.language, 'uk', 'the language goes with the longer path');
    assert.equal(log.outcome, 'operator_queue', 'no outcome leaves the stored one');
    assert.equal(log.flagged, true, 'a flag never clears');
    assert.equal(log.from_masked, '+*********67', 'the first caller number stays');
    assert.equal(log.stir_verstat, 'TN-Validation-Passed-A', 'the first STIR result stays');
    assert.equal(log.started_at.getTime(), early.getTime(), 'the earliest start stays');
    assert.equal(log.final_status, 'completed');
    assert.equal(log.duration_seconds, 900);

    // The final status first, then the flow's end: the path is written and the status stays.
    await repos.callLogs.record({ callSid: 'CArec2', final: { status: 'completed', sequence: 3, durationSeconds: 30 } });
    await repos.callLogs.record({ callSid: 'CArec2', fromMasked: '+*********67', language: 'en', path: steps(3), outcome: 'main' });
    log = (await repos.callLogs.find('CArec2'))!;
    assert.deepEqual(await stepsOf('CArec2'), ['greeting', 'language', 'main']);
    assert.equal(log.language, 'en');
    assert.equal(log.outcome, 'main');
    assert.equal(log.from_masked, '+*********67');
    assert.equal(log.final_status, 'completed');
    assert.equal(log.duration_seconds, 30);
    assert.equal(log.last_sequence, 3);

    // A newer terminal status replaces a terminal one; a missing duration keeps the stored one.
    await repos.callLogs.record({ callSid: 'CArec2', final: { status: 'canceled', sequence: 6, durationSeconds: null } });
    log = (await repos.callLogs.find('CArec2'))!;
    assert.equal(log.final_status, 'canceled');
    assert.equal(log.last_sequence, 6);
    assert.equal(log.duration_seconds, 30);
  },
);

test('facilities are idempotent by name; users and API tokens resolve only while valid', { timeout: 60_000 }, async () => {
  const f1 = await repos.facilities.upsert({ name: 'Camp 1' });
  const f2 = await repos.facilities.upsert({ name: 'Camp 1', timeZone: 'UTC' });
  assert.equal(f1.id, f2.id);
  const u = await repos.users.create({ username: 'op1', password: 'long password 123', role: 'operator' });
  assert.ok(!u.password_hash.includes('long password 123'));
  const { token, id } = await repos.users.createApiToken(u.id, 'test');
  assert.equal((await repos.users.findByApiToken(token))?.username, 'op1');
  const row = await db.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  assert.notEqual(row.token_hash, token);
  await repos.users.revokeApiToken(id);
  assert.equal(await repos.users.findByApiToken(token), undefined);
});

test(
  'the contact floor counts days since the last call offered, per facility, alike for the alert and the figures (S-08)',
  { timeout: 60_000 },
  async () => {
    const f = await repos.facilities.upsert({ name: 'Contact floor facility' });
    await repos.facilityLines.setParameters(f.id, { contactFloorDays: 3 });
    const DAY = 86_400_000;
    const later = new Date(Date.now() + 5 * DAY);
    const before = await repos.detainees.countBelowContactFloor(later);
    const held = (givenName: string, status: 'held' | 'released' = 'held') =>
      repos.detainees.create({ familyName: 'Floorov', givenName, status, facilityId: f.id });
    const never = await held('Never');
    const called = await held('Called');
    const released = await held('Released', 'released');
    const c = await repos.contacts.create({
      detaineeId: called.id,
      name: 'Olha',
      relationship: 'sister',
      phone: '+79160000077',
      timeZone: 'Europe/Moscow',
    });
    await repos.scheduledCalls.create({
      detaineeId: called.id,
      contactId: c.id,
      facilityLine: '+380441234567',
      supervisorPhone: '+380441234568',
      startAt: new Date(Date.now() + 4 * DAY),
      maxMinutes: 10,
      language: 'ru',
    });
    const alerted = async (at: Date) => (await repos.detainees.belowContactFloorUnalerted(at, 500)).map((d) => d.id);
    assert.deepEqual(
      (await alerted(later)).filter((id) => [never.id, called.id, released.id].includes(id)),
      [never.id],
    );
    assert.equal(await repos.detainees.countBelowContactFloor(later), before + 1);
    assert.ok(!(await alerted(new Date(Date.now() + 2 * DAY))).includes(never.id), "within the facility's 3 days");
    await repos.tasks.create({ kind: 'contact_floor', detaineeId: never.id });
    assert.ok(!(await alerted(later)).includes(never.id), 'alerted once while the task is open');
    assert.equal(await repos.detainees.countBelowContactFloor(later), before + 1, 'the figure still counts him');
  },
);
