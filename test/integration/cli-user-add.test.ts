import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCliDatabase, runCli } from '../support/run-cli.js';

let db: Awaited<ReturnType<typeof createCliDatabase>>;
before(
  async () => {
    db = await createCliDatabase();
  },
  { timeout: 120_000 },
);
after(() => db.close(), { timeout: 60_000 });

test('kinline user add creates an account with a hashed password and prints an API token once', { timeout: 120_000 }, async () => {
  const r = await runCli(['user', 'add', 'sup.anna', '--role', 'supervisor', '--token', '--json'], {
    ...db.env,
    KINLINE_PASSWORD: 'a long enough password',
  });
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.equal(out.username, 'sup.anna');
  assert.equal(out.role, 'supervisor');
  assert.match(out.token, /^kl_/);
  await db.withRepos(async (repos) => {
    const u = await repos.users.findByUsername('sup.anna');
    assert.ok(u && !u.password_hash.includes('a long enough password'));
    assert.equal((await repos.users.findByApiToken(out.token))?.role, 'supervisor');
    const audit = await repos.audit.list();
    assert.deepEqual(
      audit.slice(0, 2).map((e) => [e.action, e.actor]),
      [
        ['token.create', 'cli (local)'],
        ['user.create', 'cli (local)'],
      ],
    );
    assert.ok((await repos.audit.verify()).ok);
  });
});

test('the password may come on standard input; weak passwords and duplicates are refused in one line', { timeout: 120_000 }, async () => {
  const ok = await runCli(['user', 'add', 'op.ivan', '--role', 'operator'], db.env, 'another long password\n');
  assert.equal(ok.code, 0, ok.stderr);
  assert.match(ok.stdout, /created operator op\.ivan/);

  const weak = await runCli(['user', 'add', 'op.weak', '--role', 'operator'], { ...db.env, KINLINE_PASSWORD: 'short' });
  assert.equal(weak.code, 1);
  assert.equal(weak.stderr.trim().split('\n').length, 1);
  assert.match(weak.stderr, /at least 12 characters/);

  const dup = await runCli(['user', 'add', 'op.ivan', '--role', 'operator'], { ...db.env, KINLINE_PASSWORD: 'a long enough password' });
  assert.equal(dup.code, 1);
  assert.match(dup.stderr, /^kinline: that username is already in use\n$/);
  await db.withRepos(async (repos) => assert.equal((await repos.users.list()).length, 2));
});
