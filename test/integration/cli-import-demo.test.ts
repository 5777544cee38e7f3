import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCliDatabase, runCli } from '../support/run-cli.js';
import { OPERATION_DOCS } from '../../src/http/api/openapi-spec.js';

let db: Awaited<ReturnType<typeof createCliDatabase>>;
let csv: string;
before(
  async () => {
    db = await createCliDatabase();
    csv = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kinline-csv-')), 'people.csv');
    fs.writeFileSync(
      csv,
      [
        'family_name,given_name,status,contact_name,relationship,contact_phone,secret,consent',
        'Ivanov,Petr,held,Maria Ivanova,mother,+79161234567,4821,held;health',
        'Ivanov,Petr,held,Oleg Ivanov,father,+79161234568,48,held',
      ].join('\n'),
    );
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await db.close();
    fs.rmSync(path.dirname(csv), { recursive: true, force: true });
  },
  { timeout: 60_000 },
);

test(
  'kinline import --json reports imported, unchanged and rejected rows; a second run changes nothing',
  // The command is a client of POST /api/imports; an older tree without it says so rather than failing.
  { timeout: 120_000, skip: 'POST /api/imports' in OPERATION_DOCS ? false : 'needs POST /api/imports' },
  async () => {
    const first = await runCli(['import', csv, '--json'], db.env);
    assert.equal(first.code, 1, 'exit 1 when a row was rejected');
    assert.deepEqual(JSON.parse(first.stdout), {
      imported: 1,
      unchanged: 0,
      rejected: [{ line: 3, reason: 'secret must be 4 to 8 digits' }],
      warnings: [
        {
          line: 2,
          reason:
            'secret has fewer than 6 digits: it is accepted, but a 4-digit secret is a hundred times easier to guess than a 6-digit one',
        },
      ],
    });
    assert.equal(first.stderr, '', 'no progress bar when stderr is not a terminal');
    const second = await runCli(['import', csv], db.env);
    assert.match(second.stdout, /^line 3: secret must be 4 to 8 digits\nimported 0, unchanged 1, rejected 1\n$/);
    assert.ok(!second.stdout.includes('4821'));
  },
);

test('kinline demo --json prints the same set on every run', { timeout: 120_000 }, async () => {
  const a = await runCli(['demo', '--json'], db.env);
  assert.equal(a.code, 0, a.stderr);
  const b = await runCli(['demo', '--json'], db.env);
  assert.equal(b.stdout, a.stdout);
  const set = JSON.parse(a.stdout);
  assert.equal(set.detainees.length, 6);
  assert.equal(set.logins.length, 4, 'one login per role');
  await db.withRepos(async (repos) => {
    for (const l of set.logins) assert.equal((await repos.users.findByApiToken(l.apiToken))?.username, l.username);
    assert.ok((await repos.audit.verify()).ok);
  });
});
