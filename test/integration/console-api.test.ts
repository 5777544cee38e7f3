import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useConsoleFixture, type ConsoleFixture } from '../support/console-fixture.js';

// The console's REST API as a script would use it (API token, JSON).
let f: ConsoleFixture;
useConsoleFixture({}, (fixture) => (f = fixture));

async function api(method: string, path: string, body?: unknown, role: 'operator' | 'supervisor' | 'admin' = 'operator') {
  const res = await fetch(`${f.url}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${f.staff[role].token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

test('detainees, contacts and the append-only consent ledger', { timeout: 60_000 }, async () => {
  const d = await api('POST', '/detainees', {
    familyName: 'Melnyk',
    givenName: 'Andrii',
    status: 'held',
    language: 'uk',
    birthDate: '1990-05-01',
  });
  assert.equal(d.status, 201);
  assert.match(d.body.reference, /^\d{10}$/);
  const bad = await api('POST', '/detainees', { familyName: 'X', givenName: 'Y', status: 'captured_at_dawn' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error, 'invalid_input');
  assert.equal((await api('PATCH', `/detainees/${d.body.id}`, { healthCategory: 'fair' })).body.healthCategory, 'fair');
  const c = await api('POST', `/detainees/${d.body.id}/contacts`, { name: 'Oksana', relationship: 'wife', phone: '8 (916) 765-43-21' });
  assert.equal(c.status, 201);
  assert.equal(c.body.phone, '+79167654321');
  assert.equal(c.body.timeZone, 'Europe/Moscow');
  assert.equal(
    (await api('POST', `/detainees/${d.body.id}/contacts`, { name: 'Dup', relationship: 'x', phone: '+79167654321' })).status,
    409,
  );
  const badPhone = await api('POST', `/detainees/${d.body.id}/contacts`, { name: 'Z', relationship: 'x', phone: '+7 000' });
  assert.equal(badPhone.body.error, 'invalid_phone');
  for (const granted of [true, false]) {
    assert.equal(
      (
        await api('POST', `/contacts/${c.body.id}/consent`, {
          scope: 'held',
          granted,
          language: 'uk',
          witness: 'ICRC delegate',
          prompt: 'May your wife learn you are held?',
        })
      ).status,
      201,
    );
  }
  const ledger = await api('GET', `/contacts/${c.body.id}/consent`);
  assert.equal(ledger.body.current.held, false);
  assert.deepEqual(
    ledger.body.history.map((e: { granted: boolean }) => e.granted),
    [true, false],
  );
  assert.equal(ledger.body.history[0].recordedBy, 'test-operator');
  const view = await api('GET', `/detainees/${d.body.id}`);
  assert.equal(view.body.contacts[0].hasSecret, false);
  assert.equal('secret_hash' in view.body.contacts[0], false);
  assert.equal(
    (await api('PATCH', `/contacts/${c.body.id}`, { blocked: true, callHoursStart: '10:00', callHoursEnd: '18:00' })).body.callHours.start,
    '10:00',
  );
});

test('enquiries, message review and tasks', { timeout: 60_000 }, async () => {
  const e = await f.ctx.repos.enquiries.create({ language: 'ru', soughtName: 'Ivanov', callbackPhone: '+79160000000' });
  const list = await api('GET', '/enquiries');
  assert.ok(list.body.results.some((x: { id: number }) => x.id === e.id));
  assert.equal((await api('PATCH', `/enquiries/${e.id}`, { status: 'closed', notes: 'referred to NIB' })).body.status, 'closed');
  assert.ok(!(await api('GET', '/enquiries')).body.results.some((x: { id: number }) => x.id === e.id));

  const d = await f.ctx.repos.detainees.create({ familyName: 'Bondar', givenName: 'Yurii', status: 'held' });
  const m = await f.ctx.repos.messages.create({
    detaineeId: d.id,
    direction: 'to_detainee',
    kind: 'keypad',
    reviewDueAt: new Date(Date.now() - 60_000),
  });
  const pending = await api('GET', '/messages');
  assert.equal(pending.body.results.find((x: { id: number }) => x.id === m.id).late, true);
  assert.equal((await api('GET', '/figures/today', undefined, 'supervisor')).body.lateReviews, 1);
  assert.equal((await api('POST', `/messages/${m.id}/review`, { decision: 'rejected' }, 'supervisor')).body.error, 'reason_required');
  assert.equal((await api('POST', `/messages/${m.id}/review`, { decision: 'approved' }, 'operator')).status, 403);
  assert.equal((await api('POST', `/messages/${m.id}/review`, { decision: 'approved' }, 'supervisor')).body.status, 'approved');
  assert.equal((await api('GET', '/figures/today', undefined, 'supervisor')).body.lateReviews, 0);
  assert.equal((await api('GET', `/messages/${m.id}/recording`)).body.error, 'no_recording');

  const t = await f.ctx.repos.tasks.create({ kind: 'callback', summary: 'call back' });
  assert.equal((await api('POST', `/tasks/${t.id}/close`)).body.status, 'done');
});

test('users, own tokens, audit list and chain verification', { timeout: 60_000 }, async () => {
  const u = await api('POST', '/users', { username: 'new.op', password: 'a-long-password-1', role: 'operator' }, 'admin');
  assert.equal(u.status, 201);
  assert.equal('password_hash' in u.body, false);
  assert.equal((await api('POST', '/users', { username: 'new.op', password: 'a-long-password-1', role: 'operator' }, 'admin')).status, 409);
  const tok = await api('POST', '/tokens', { name: 'script', scopes: ['tasks:read'] });
  assert.equal(tok.status, 201);
  assert.match(tok.body.token, /^kl_/);
  assert.equal((await api('POST', '/tokens', { name: 'x', scopes: ['root'] })).status, 400);
  assert.equal(
    (await api('POST', '/tokens', { name: 'for admin', userId: f.staff.admin.userId })).status,
    403,
    'only admins issue tokens for others',
  );
  const mine = await api('GET', '/tokens');
  assert.ok(mine.body.tokens.some((x: { id: number }) => x.id === tok.body.id));
  assert.equal((await api('DELETE', `/tokens/${tok.body.id}`, undefined, 'supervisor')).status, 404, "another user's token is not found");
  assert.equal((await api('DELETE', `/tokens/${tok.body.id}`)).status, 204);
  const audit = await api('GET', '/audit?limit=500', undefined, 'admin');
  const actions = audit.body.entries.map((e: { action: string }) => e.action);
  for (const a of [
    'detainee.create',
    'contact.create',
    'consent.grant',
    'consent.revoke',
    'detainee.view',
    'message.review',
    'user.create',
    'token.create',
    'token.revoke',
  ])
    assert.ok(actions.includes(a), a);
  assert.deepEqual((await api('GET', '/audit/verify', undefined, 'admin')).body.ok, true);
});
