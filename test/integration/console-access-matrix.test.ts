import { test } from 'node:test';
import assert from 'node:assert/strict';
import { declaredRoutes, type DeclaredRoute } from '../../src/http/auth/route-table.js';
import type { Role } from '../../src/storage/schema.js';
import { useConsoleFixture, withCallFeature, type ConsoleFixture } from '../support/console-fixture.js';

// Role-by-route matrix: every declared route, for anonymous and each role via an API token and
// via a console session, must be allowed exactly when its access rule names the role (default deny).
let f: ConsoleFixture;
// With the call feature's queues and carrier installed, so its routes and Bull Board are mounted too.
useConsoleFixture({ prepare: withCallFeature }, (fixture) => (f = fixture));

const ROLES: Role[] = ['operator', 'supervisor', 'admin', 'caller_desk'];
// Ids that exist nowhere, so an allowed write changes nothing (no user disabled mid-matrix, etc.).
const fill = (path: string) =>
  path.replace(/:id\b/g, path.includes('/calls/') ? '00000000-0000-4000-8000-000000000000' : '999999').replace(/:(\w+)/g, '999999');

async function call(
  route: DeclaredRoute,
  headers: Record<string, string>,
  csrf?: string,
): Promise<{ status: number; location: string | null; body: string }> {
  const write = route.method !== 'GET';
  const res = await fetch(`${f.url}${fill(route.path)}`, {
    method: route.method,
    redirect: 'manual',
    headers: { ...headers, ...(write ? { 'content-type': 'application/json' } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    body: write ? JSON.stringify({}) : undefined,
    signal: AbortSignal.timeout(20_000),
  });
  // Streams (SSE) never end: the status line is all the matrix needs.
  const body = res.headers.get('content-type')?.includes('event-stream') ? '' : await res.text();
  if (!body) await res.body?.cancel().catch(() => {});
  return { status: res.status, location: res.headers.get('location'), body: body.slice(0, 200) };
}

const denied = (r: { status: number; location: string | null }) =>
  r.status === 401 || r.status === 403 || (r.status === 303 && (r.location ?? '').startsWith('/login?next='));

test('every declared route allows exactly the roles its rule names, by token and by session', { timeout: 60_000 }, async () => {
  const routes = declaredRoutes();
  assert.ok(routes.length >= 60, `expected the console, API and call routes to be declared, got ${routes.length}`);
  const failures: string[] = [];
  let checked = 0;
  for (const route of routes) {
    const isPublic = route.access === 'public';
    const anon = await call(route, {});
    checked++;
    // Public routes may still refuse a bad request (a webhook without a signature, a stale login form);
    // what matters is that the guard never demands a login there.
    if (isPublic ? anon.status === 401 : !denied(anon)) failures.push(`anonymous ${route.method} ${route.path} -> ${anon.status}`);
    if (isPublic) continue;
    for (const role of ROLES) {
      const expectAllowed = (route.access as readonly Role[]).includes(role);
      const byToken = await call(route, { authorization: `Bearer ${f.staff[role].token}` });
      const s = await f.session(f.staff[role].userId);
      const bySession = await call(route, { cookie: s.cookie }, s.csrf);
      checked += 2;
      for (const [via, r] of [
        ['token', byToken],
        ['session', bySession],
      ] as const) {
        if (denied(r) === expectAllowed)
          failures.push(
            `${role} via ${via} ${route.method} ${route.path} -> ${r.status} (expected ${expectAllowed ? 'allow' : 'deny'}) ${r.body}`,
          );
      }
    }
  }
  assert.deepEqual(failures, [], failures.join('\n'));
  assert.ok(checked > 200);
});

test('Bull Board is mounted for supervisors and admins only', { timeout: 60_000 }, async () => {
  const sup = await fetch(`${f.url}/admin/queues`, { headers: { authorization: `Bearer ${f.staff.supervisor.token}` } });
  assert.equal(sup.status, 200);
  assert.match(await sup.text(), /<html/i);
  assert.equal(
    (await fetch(`${f.url}/admin/queues/api/queues`, { headers: { authorization: `Bearer ${f.staff.operator.token}` } })).status,
    403,
  );
  assert.equal((await fetch(`${f.url}/admin/queues/api/queues`)).status, 401);
  // A browser without a session is sent to log in, and comes back to the board.
  const anon = await fetch(`${f.url}/admin/queues`, { redirect: 'manual', headers: { accept: 'text/html' } });
  assert.equal(anon.status, 303);
  assert.equal(anon.headers.get('location'), '/login?next=%2Fadmin%2Fqueues');
});

test('Bull Board loads its fonts from this server, never from Google', { timeout: 60_000 }, async () => {
  const auth = { authorization: `Bearer ${f.staff.supervisor.token}` };
  const page = await (await fetch(`${f.url}/admin/queues`, { headers: auth })).text();
  assert.doesNotMatch(page, /googleapis|gstatic/);
  assert.deepEqual(
    [...page.matchAll(/href="(https?:)?\/\/[^"]*"/g)].map((m) => m[0]),
    [],
    'no stylesheet, icon or script from another origin',
  );
  const sheets = [...page.matchAll(/<link href="(\/assets\/bull-board-fonts\/[^"]+\.css)"/g)].map((m) => m[1]);
  assert.equal(sheets.length, 5, 'IBM Plex Sans 400/500/600 and Mono 400/500, as the page asked Google for');
  for (const sheet of sheets) {
    const css = await fetch(`${f.url}${sheet}`);
    assert.equal(css.status, 200, sheet);
    const text = await css.text();
    assert.match(text, /font-family: 'IBM Plex (Sans|Mono)'/);
    // The Cyrillic faces are there (the console is read in Ukrainian and Russian), and their files are served.
    const cyrillic = /url\(\.\/(files\/[^)]*-cyrillic-\d+-normal\.woff2)\)/.exec(text);
    assert.ok(cyrillic, `${sheet} has a Cyrillic face`);
    const font = await fetch(new URL(cyrillic[1], `${f.url}${sheet}`));
    assert.equal(font.status, 200);
    assert.ok((await font.arrayBuffer()).byteLength > 1000);
  }
});

test('a revoked token is refused at once; a disabled user loses sessions and tokens', { timeout: 60_000 }, async () => {
  const op = f.staff.operator;
  const { token, id } = await f.ctx.repos.users.createApiToken(op.userId, 'to revoke');
  const ok = await fetch(`${f.url}/api/tasks`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(ok.status, 200);
  const admin = f.staff.admin;
  const del = await fetch(`${f.url}/api/tokens/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${admin.token}` } });
  assert.equal(del.status, 204);
  const after = await fetch(`${f.url}/api/tasks`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(after.status, 401);
  assert.ok((await f.ctx.repos.audit.list({ limit: 5 })).some((e) => e.action === 'token.revoke'));

  const temp = await f.ctx.repos.users.create({ username: 'temp-operator', password: 'temp-password-123', role: 'operator' });
  const t2 = await f.ctx.repos.users.createApiToken(temp.id, 'temp');
  const s2 = await f.session(temp.id);
  assert.equal((await fetch(`${f.url}/console/tasks`, { headers: { cookie: s2.cookie } })).status, 200);
  const dis = await fetch(`${f.url}/api/users/${temp.id}/disable`, { method: 'POST', headers: { authorization: `Bearer ${admin.token}` } });
  assert.equal(dis.status, 200);
  assert.equal((await fetch(`${f.url}/api/tasks`, { headers: { authorization: `Bearer ${t2.token}` } })).status, 401);
  const page = await fetch(`${f.url}/console/tasks`, { headers: { cookie: s2.cookie }, redirect: 'manual' });
  assert.equal(page.status, 303);
  assert.match(page.headers.get('location') ?? '', /^\/login\?next=/);
});

test('a scoped token may use only its scopes', { timeout: 60_000 }, async () => {
  const sup = f.staff.supervisor;
  const { token } = await f.ctx.repos.users.createApiToken(sup.userId, 'read tasks only', ['tasks:read']);
  assert.equal((await fetch(`${f.url}/api/tasks`, { headers: { authorization: `Bearer ${token}` } })).status, 200);
  const refused = await fetch(`${f.url}/api/detainees?q=a`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(refused.status, 403);
  assert.equal(((await refused.json()) as { error: string }).error, 'forbidden_scope');
});

test("the OpenAPI document lists every declared /api route, including the call feature's", { timeout: 60_000 }, async () => {
  const res = await fetch(`${f.url}/api/openapi.json`, { headers: { authorization: `Bearer ${f.staff.operator.token}` } });
  assert.equal(res.status, 200);
  const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
  assert.equal(doc.openapi, '3.1.0');
  for (const r of declaredRoutes().filter((x) => x.path.startsWith('/api/'))) {
    const p = r.path.replace(/:(\w+)/g, '{$1}');
    assert.ok(doc.paths[p]?.[r.method.toLowerCase()], `${r.method} ${r.path} missing from openapi.json`);
  }
  for (const p of [
    '/api/call-requests',
    '/api/call-requests/{id}/approve',
    '/api/call-requests/{id}/deny',
    '/api/calls/{id}',
    '/api/calls/{id}/cancel',
  ]) {
    assert.ok(doc.paths[p], `${p} missing`);
  }
  assert.ok(!Object.keys(doc.paths).some((p) => /export|dump|csv/i.test(p)), 'no bulk export endpoint (A-09)');
});

test('every page names the console icon, and the icon is served to anyone', { timeout: 60_000 }, async () => {
  const login = await (await fetch(`${f.url}/login`)).text();
  assert.match(login, /<link rel="icon" type="image\/svg\+xml" href="\/favicon\.svg">/);
  const icon = await fetch(`${f.url}/favicon.svg`);
  assert.equal(icon.status, 200);
  assert.match(icon.headers.get('content-type') ?? '', /^image\/svg\+xml/);
  assert.match(await icon.text(), /^<svg /);
  const ico = await fetch(`${f.url}/favicon.ico`, { redirect: 'manual' });
  assert.equal(ico.status, 301);
  assert.equal(ico.headers.get('location'), '/favicon.svg');
});
