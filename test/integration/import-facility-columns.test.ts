import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { createTestDatabase } from '../support/test-database.js';
import { createRepositories, type Repositories } from '../../src/storage/repositories/index.js';
import { importCsv } from '../../src/import/import-csv.js';
import { getFacility } from '../../src/facilities/facility-view.js';

// The CSV import sets the facility's settings: a bad cell rejects its row by line, naming the column.
const KEY = 'import-test-key-0123456789abcdef0123456';
let h: Awaited<ReturnType<typeof createTestDatabase>>;
let repos: Repositories;
before(
  async () => {
    h = await createTestDatabase();
    repos = createRepositories(h.db, KEY);
  },
  { timeout: 120_000 },
);
after(() => h.close(), { timeout: 60_000 });

const run = (csv: string) => importCsv({ repos, secretHashKey: KEY }, Readable.from([csv]), { actor: 'importer' });
const HEADER =
  'family_name,given_name,status,facility,facility_time_zone,facility_call_hours,facility_max_call_minutes,facility_weekly_quota,facility_contact_floor_days,facility_line';

test('facility columns set the zone, weekly hours, limits and lines; bad cells reject their row only', { timeout: 60_000 }, async () => {
  const file = [
    HEADER,
    'Koval,Petro,held,Camp A,Europe/Moscow,"mon-fri 09:00-18:00; sat 10:00-14:00",15,4,10,+380441234567',
    'Koval,Ivan,held,Camp A,,,,,,+380442223344',
    'Bad,Hours,held,Camp A,,mon 18:00-09:00,,,,',
    'Bad,Zone,held,Camp A,Mars/Olympus,,,,,',
    'Bad,Quota,held,Camp A,,,,-1,,',
    'Bad,Line,held,Camp A,,,,,,0441234567',
    'No,Facility,held,,Europe/Kyiv,,,,,',
  ].join('\n');
  const r = await run(file);
  assert.equal(r.imported, 2);
  assert.deepEqual(
    r.rejected.map((x) => [x.line, x.reason.split(' ')[0]]),
    [
      [4, 'facility_call_hours'],
      [5, 'facility_time_zone'],
      [6, 'facility_weekly_quota'],
      [7, 'facility_line'],
      [8, 'facility_time_zone'],
    ],
  );
  assert.match(r.rejected[0].reason, /before they start/);
  assert.match(r.rejected[4].reason, /needs the facility column/);
  const [f] = await repos.facilities.list();
  const view = await getFacility({ repos }, f.id);
  assert.equal(view.timeZone, 'Europe/Moscow');
  assert.equal(view.callHours, 'mon-fri 09:00-18:00; sat 10:00-14:00');
  assert.equal(view.maxCallMinutes, 15);
  assert.equal(view.weeklyCallQuota, 4);
  assert.equal(view.contactFloorDays, 10);
  assert.equal(view.defaultLine, '+380441234567', 'the first line becomes the default');
  assert.deepEqual(
    view.lines.map((l) => l.phone),
    ['+380441234567', '+380442223344'],
  );
  // The bad rows changed nothing of the facility, and the change is audited naming the columns.
  const audit = await repos.audit.list({ subjectType: 'facility' });
  assert.equal(audit.length, 1);
  assert.equal(audit[0].actor, 'importer');
  assert.deepEqual(
    new Set((audit[0].detail as { fields: string[] }).fields),
    new Set([
      'facility_time_zone',
      'facility_max_call_minutes',
      'facility_weekly_quota',
      'facility_contact_floor_days',
      'facility_line',
      'facility_call_hours',
    ]),
  );

  // A second run of the same file changes nothing.
  const again = await run(file);
  assert.equal(again.imported, 0);
  assert.equal(again.unchanged, 2);
  assert.equal((await repos.audit.list({ subjectType: 'facility' })).length, 1);
});
