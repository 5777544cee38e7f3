import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable, Writable } from 'node:stream';
import { createTestDatabase } from '../support/test-database.js';
import { createRepositories, type Repositories } from '../../src/storage/repositories/index.js';
import { importCsv, type ImportResult } from '../../src/import/import-csv.js';
import { createLogger } from '../../src/shared/logger.js';
import { dammCheckDigit } from '../../src/shared/reference.js';
import { AppError } from '../../src/shared/errors.js';

const KEY = 'import-test-key-0123456789abcdef0123456';
const HEADER =
  'reference,family_name,given_name,patronymic,birth_date,status,status_source,health_category,facility,language,contact_name,relationship,contact_phone,contact_language,secret,consent,nominated';
const REF = '31415926' + '5';
const GOOD_REF = REF + String(dammCheckDigit(REF));
const BAD_REF = GOOD_REF.slice(0, 9) + String((Number(GOOD_REF[9]) + 1) % 10);

let h: Awaited<ReturnType<typeof createTestDatabase>>;
let repos: Repositories;
let logText = '';

before(
  async () => {
    h = await createTestDatabase();
    repos = createRepositories(h.db, KEY);
  },
  { timeout: 120_000 },
);
after(() => h.close(), { timeout: 60_000 });

function run(csv: string, batchSize = 500): Promise<ImportResult> {
  const logger = createLogger('debug', new Writable({ write: (c, _e, cb) => ((logText += String(c)), cb()) }));
  return importCsv({ repos, secretHashKey: KEY, logger }, Readable.from([csv]), { batchSize });
}

const counts = async () => {
  const n = async (t: 'detainees' | 'contacts' | 'consent_entries' | 'facilities') =>
    Number(
      (
        await h.db
          .selectFrom(t)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    detainees: await n('detainees'),
    contacts: await n('contacts'),
    consent: await n('consent_entries'),
    facilities: await n('facilities'),
  };
};

const FILE = [
  HEADER,
  `,Ivanov,Petr,Ivanovich,1990-01-02,held,NIB list 3,good,Camp A,ru,Maria Ivanova,mother,+79161234567,ru,4821,held;health;calls,yes`,
  `,Ivanov,Petr,Ivanovich,1990-01-02,held,NIB list 3,good,Camp A,ru,Oleg Ivanov,father,8 916 123-45-68,ru,,held,no`,
  `${GOOD_REF},Sidorov,Alexei,,1985-05-05,hospitalised,ICRC visit,under_treatment,Camp B,uk,Olena Sidorova,wife,+380501234567,uk,77331,held;health,no`,
  `${BAD_REF},Bad,Ref,,,held,,,,,,,,,,,`,
  `,Foo,Date,,1990-02-30,held,,,,,,,,,,,`,
  `,Foo,Status,,,captured,,,,,,,,,,,`,
  `,Foo,Phone,,,held,,,,,X,wife,+7916123,,,,`,
  `,Foo,Secret,,,held,,,,,X,wife,+79161234569,,98,,`,
  `,Foo,Consent,,,held,,,,,X,wife,+79161234569,,1234,held;gossip,`,
  `,Foo,Name,,,held,,,,,,wife,+79161234569,,1234,,`,
  `,"Unclosed,quote,,,held`,
].join('\n');

test('good rows are imported and every bad row is reported with its line and reason', { timeout: 60_000 }, async () => {
  const r = await run(FILE);
  assert.equal(r.imported, 3);
  assert.equal(r.unchanged, 0);
  assert.deepEqual(
    r.rejected.map((x) => x.line),
    [5, 6, 7, 8, 9, 10, 11, 12],
  );
  const reasons = Object.fromEntries(r.rejected.map((x) => [x.line, x.reason]));
  assert.match(reasons[5], /^reference has a wrong check digit/);
  assert.match(reasons[6], /^birth_date is not a real date/);
  assert.match(reasons[7], /^status must be one of/);
  assert.match(reasons[8], /^contact_phone: the phone number is not valid/);
  assert.match(reasons[9], /^secret must be 4 to 8 digits/);
  assert.match(reasons[10], /^consent may list only/);
  assert.match(reasons[11], /contact_name is required/);
  assert.match(reasons[12], /not a valid CSV row/);
  // No value from a row is echoed: not the bad secret, nor a name, nor a reference.
  const all = JSON.stringify(r.rejected);
  for (const v of ['98', 'Foo', BAD_REF, '7916123']) assert.ok(!all.includes(v), `reason echoed ${v}`);

  const ivanov = (await repos.detainees.findByNaturalKey('Ivanov', 'Petr', '1990-01-02'))!;
  const contacts = await repos.contacts.listByDetainee(ivanov.id);
  assert.deepEqual(
    contacts.map((c) => c.phone),
    ['+79161234567', '+79161234568'],
  );
  assert.ok(repos.contacts.secretMatches(contacts[0], '4821'));
  assert.equal(contacts[1].secret_hash, null);
  assert.equal(contacts[0].nominated, true);
  assert.deepEqual(await repos.consent.current(contacts[0].id), { held: true, health: true, messages: false, calls: true });
  const sidorov = (await repos.detainees.findByReference(GOOD_REF))!;
  assert.equal(sidorov.status, 'hospitalised');
  assert.equal(sidorov.language, 'uk');
  assert.equal((await repos.contacts.listByDetainee(sidorov.id))[0].time_zone, 'Europe/Kyiv');
  assert.deepEqual(await counts(), { detainees: 2, contacts: 3, consent: 6, facilities: 2 });
  // Secrets never reach the database or the log in clear.
  const dump = JSON.stringify(await h.db.selectFrom('contacts').selectAll().execute());
  assert.ok(!dump.includes('4821') && !dump.includes('77331'));
  assert.ok(!logText.includes('4821') && !logText.includes('Ivanov') && !logText.includes('+7916'), logText);
  const audit = await repos.audit.list();
  assert.equal(audit.length, 1, 'one audit entry per import');
  assert.deepEqual(audit[0].detail, { imported: 3, unchanged: 0, rejected: 8 });
});

test('importing the same file again changes nothing', { timeout: 60_000 }, async () => {
  const before = await counts();
  const hashes = await h.db.selectFrom('contacts').select(['id', 'secret_hash', 'secret_salt', 'updated_at']).orderBy('id').execute();
  const detainees = await h.db.selectFrom('detainees').select(['id', 'status_at', 'updated_at']).orderBy('id').execute();
  const r = await run(FILE, 2); // small batches: matching must also work across transactions
  assert.equal(r.imported, 0);
  assert.equal(r.unchanged, 3);
  assert.equal(r.rejected.length, 8);
  assert.deepEqual(await counts(), before);
  assert.deepEqual(
    await h.db.selectFrom('contacts').select(['id', 'secret_hash', 'secret_salt', 'updated_at']).orderBy('id').execute(),
    hashes,
  );
  assert.deepEqual(await h.db.selectFrom('detainees').select(['id', 'status_at', 'updated_at']).orderBy('id').execute(), detainees);
});

test('a changed file updates only what changed: status, secret, and consent as new ledger entries', { timeout: 60_000 }, async () => {
  const changed = [
    HEADER,
    `,Ivanov,Petr,Ivanovich,1990-01-02,hospitalised,NIB list 4,fair,Camp A,ru,Maria Ivanova,mother,+79161234567,ru,9999,held;calls,yes`,
    `,Ivanov,Petr,Ivanovich,1990-01-02,hospitalised,NIB list 4,fair,Camp A,ru,Oleg Ivanov,father,+79161234568,ru,,held,no`,
    `${GOOD_REF},Sidorov,Alexei,,1985-05-05,hospitalised,ICRC visit,under_treatment,Camp B,uk,Olena Sidorova,wife,+380501234567,uk,77331,held;health,no`,
  ].join('\n');
  const ivanov = (await repos.detainees.findByNaturalKey('Ivanov', 'Petr', '1990-01-02'))!;
  const r = await run(changed);
  assert.deepEqual([r.imported, r.unchanged, r.rejected.length], [2, 1, 0]);
  const after = (await repos.detainees.findById(ivanov.id))!;
  assert.equal(after.status, 'hospitalised');
  assert.ok(after.status_at > ivanov.status_at);
  const mother = (await repos.contacts.findByDetaineeAndPhone(ivanov.id, '+79161234567'))!;
  assert.ok(repos.contacts.secretMatches(mother, '9999') && !repos.contacts.secretMatches(mother, '4821'));
  assert.deepEqual(await repos.consent.current(mother.id), { held: true, health: false, messages: false, calls: true });
  const history = await repos.consent.history(mother.id);
  assert.deepEqual(
    history.map((e) => [e.scope, e.granted]),
    [
      ['held', true],
      ['health', true],
      ['calls', true],
      ['health', false],
    ],
  );
  assert.equal(history[3].language, 'ru');
  assert.ok(history[3].witness.length > 0);
});

test(
  'rows that disagree about one detainee in a batch are refused; an ambiguous natural key asks for the reference',
  { timeout: 60_000 },
  async () => {
    const r = await run(
      [HEADER, `,Kovalenko,Ivan,,1991-01-01,held,,,,,,,,,,,`, `,Kovalenko,Ivan,,1991-01-01,released,,,,,,,,,,,`].join('\n'),
    );
    assert.equal(r.imported, 1);
    assert.deepEqual(r.rejected, [{ line: 3, reason: 'names the same detainee as line 2 but with different details' }]);
    await repos.detainees.create({ familyName: 'Twin', givenName: 'Ivan', status: 'held' });
    await repos.detainees.create({ familyName: 'Twin', givenName: 'Ivan', status: 'held' });
    const amb = await run([HEADER, `,Twin,Ivan,,,held,,,,,,,,,,,`].join('\n'));
    assert.match(amb.rejected[0].reason, /more than one detainee.*give the reference/);
  },
);

test('a wrong header stops the import before any row, naming the columns', { timeout: 60_000 }, async () => {
  const before = await counts();
  await assert.rejects(
    run('family_name,given_name,status,colour\nA,B,held,red'),
    (e: unknown) => e instanceof AppError && e.code === 'bad_csv_header' && /unknown column\(s\) colour/.test(e.message),
  );
  await assert.rejects(
    run('family_name,given_name\nA,B'),
    (e: unknown) => e instanceof AppError && /missing column\(s\) status/.test(e.message),
  );
  assert.deepEqual(await counts(), before);
});

test(
  'a reference is trusted only with its own person: no overwrite of another detainee, no second record',
  { timeout: 60_000 },
  async () => {
    const sidorov = (await repos.detainees.findByReference(GOOD_REF))!;
    const r = await run(
      [
        HEADER,
        `${GOOD_REF},Someone,Else,,1970-01-01,released,,,,,,,,,,,`,
        `${generateValidRef()},Ivanov,Petr,Ivanovich,1990-01-02,hospitalised,NIB list 4,fair,Camp A,ru,,,,,,,`,
      ].join('\n'),
    );
    assert.equal(r.imported, 0);
    assert.match(r.rejected[0].reason, /reference belongs to a detainee with another name/);
    assert.match(r.rejected[1].reason, /registered under another reference/);
    assert.deepEqual(await repos.detainees.findByReference(GOOD_REF), sidorov);
  },
);

function generateValidRef(): string {
  const body = '27182818' + '2';
  return body + String(dammCheckDigit(body));
}

test('a column left out of the file leaves that field alone: no unblocking, no revoking, no clearing', { timeout: 60_000 }, async () => {
  const ivanov = (await repos.detainees.findByNaturalKey('Ivanov', 'Petr', '1990-01-02'))!;
  const mother = (await repos.contacts.findByDetaineeAndPhone(ivanov.id, '+79161234567'))!;
  await repos.contacts.update(mother.id, { blocked: true });
  const consentBefore = await repos.consent.history(mother.id);
  const r = await run(
    [
      'family_name,given_name,birth_date,status,contact_name,relationship,contact_phone',
      'Ivanov,Petr,1990-01-02,hospitalised,Maria Ivanova,mother,+79161234567',
    ].join('\n'),
  );
  assert.deepEqual([r.imported, r.unchanged, r.rejected.length], [0, 1, 0]);
  const after = (await repos.contacts.findById(mother.id))!;
  assert.equal(after.blocked, true, 'D-09: an import without the blocked column never unblocks');
  assert.equal(after.nominated, true);
  assert.deepEqual(await repos.consent.history(mother.id), consentBefore);
  const d = (await repos.detainees.findById(ivanov.id))!;
  assert.equal(d.health_category, 'fair');
  assert.equal(d.status_source, 'NIB list 4');
  assert.equal(d.facility_id, ivanov.facility_id);
});

test(
  'a secret shorter than 6 digits is stored with a warning saying why 6 is safer; a 6-digit one and an unchanged re-import warn of nothing',
  { timeout: 60_000 },
  async () => {
    const file = [
      'family_name,given_name,birth_date,status,contact_name,relationship,contact_phone,secret',
      'Sokolov,Ilya,1991-03-04,held,Vera Sokolova,mother,+79161239001,4821',
      'Sokolov,Ilya,1991-03-04,held,Ivan Sokolov,father,+79161239002,482113',
      'Sokolov,Ilya,1991-03-04,held,Anna Sokolova,sister,+79161239003,12345',
    ].join('\n');
    const first = await run(file);
    assert.deepEqual([first.imported, first.rejected.length], [3, 0], 'short secrets are accepted');
    assert.deepEqual(
      first.warnings.map((w) => w.line),
      [2, 4],
    );
    assert.match(first.warnings[0].reason, /fewer than 6 digits.*hundred times easier to guess/);
    assert.ok(!JSON.stringify(first.warnings).includes('4821'), 'the secret itself is never echoed');
    const again = await run(file);
    assert.deepEqual(again.warnings, [], 'nothing was set again, so nothing to warn about');
  },
);
