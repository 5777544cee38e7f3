import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startCallsHarness, type CallsHarness } from '../support/calls-harness.js';
import { waitFor } from '../support/wait-for.js';

// From an empty database to a completed supervised call through public interfaces only (A-07, A-08, O-01,
// S-07): the REST API for every step, the simulated carrier (at Twilio's HTTP boundary) for the people
// who answer. The one exception is the first admin, which `kinline user add --role admin --token` writes
// with the same two repository calls: the CLI opens the database itself, which this in-process one cannot share.
let h: CallsHarness;
before(
  async () => {
    h = await startCallsHarness();
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await h?.close();
  },
  { timeout: 60_000 },
);

const FACILITY_LINE = '+380441112233';
const SUPERVISOR_PHONE = '+380501112233';
const RELATIVE_PHONE = '+79161234567';

async function api(token: string, method: string, path: string, body?: unknown, type = 'application/json') {
  const res = await fetch(`${h.baseUrl}/api${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': type }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : undefined;
  assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${text}`);
  return json;
}

test('empty database -> facility and line -> CSV import -> request, approve -> completed call', { timeout: 120_000 }, async () => {
  const { count } = h.ctx.db.fn;
  for (const table of ['facilities', 'detainees', 'users', 'scheduled_calls'] as const)
    assert.equal(Number((await h.ctx.db.selectFrom(table).select(count('id').as('n')).executeTakeFirstOrThrow()).n), 0, table);

  // The first admin, as `kinline user add admin --role admin --token` creates it.
  const root = await h.ctx.repos.users.create({ username: 'admin', password: 'admin-password-123', role: 'admin' });
  const adminToken = (await h.ctx.repos.users.createApiToken(root.id, 'cli')).token;

  // The admin creates the staff and their tokens, and sets up the facility with its line.
  const operator = await api(adminToken, 'POST', '/users', { username: 'oper', password: 'operator-password-1', role: 'operator' });
  const supervisor = await api(adminToken, 'POST', '/users', {
    username: 'super',
    password: 'supervisor-password-1',
    role: 'supervisor',
    phone: SUPERVISOR_PHONE,
  });
  assert.equal(supervisor.phone, SUPERVISOR_PHONE);
  const opToken = (await api(adminToken, 'POST', '/tokens', { name: 'import', userId: operator.id })).token;
  const supToken = (await api(adminToken, 'POST', '/tokens', { name: 'calls', userId: supervisor.id })).token;
  const facility = await api(adminToken, 'POST', '/facilities', {
    name: 'Colony 7',
    timeZone: 'Europe/Moscow',
    callHours: 'every day 00:00-24:00',
    maxCallMinutes: 15,
  });
  const line = await api(adminToken, 'POST', `/facilities/${facility.id}/lines`, { phone: FACILITY_LINE, label: 'visiting room' });
  assert.equal(line.phone, FACILITY_LINE);

  // The operator imports the detainee and his nominated contact with consent to calls.
  const csv = [
    'family_name,given_name,status,facility,language,contact_name,relationship,contact_phone,consent,nominated',
    `Bondar,Ivan,held,Colony 7,ru,Olena Bondar,mother,${RELATIVE_PHONE},held;calls,yes`,
  ].join('\n');
  const imported = await api(opToken, 'POST', '/imports', csv, 'text/csv');
  assert.deepEqual(imported, { imported: 1, unchanged: 0, rejected: [], warnings: [] });
  const found = await api(opToken, 'GET', '/detainees?q=Bondar');
  const detainee = await api(opToken, 'GET', `/detainees/${found.results[0].id}`);
  const contact = detainee.contacts[0];
  // The relative may be called at any hour of his own day (start = end), so the test does not depend on the clock.
  await api(opToken, 'PATCH', `/contacts/${contact.id}`, { callHoursStart: '00:00', callHoursEnd: '00:00' });

  // The people at the other ends, on the simulated carrier: the detainee and the relative accept, the
  // supervisor listens in, the relative hangs up after a moment of talking. The detainee goes on once he heard
  // who answered (D-05).
  h.carrier.script(FACILITY_LINE, { answer: 'answer', digits: ['1', '1'] });
  h.carrier.script(RELATIVE_PHONE, { answer: 'answer', digits: ['1', '1'], hangupAfterJoinMs: 1500 });
  h.carrier.script(SUPERVISOR_PHONE, { answer: 'answer', digits: ['1'] });

  const request = await api(opToken, 'POST', '/call-requests', {
    detaineeReference: detainee.reference,
    contactPhone: RELATIVE_PHONE,
    earliest: new Date().toISOString(),
    maxMinutes: 10,
  });
  const approved = await api(supToken, 'POST', `/call-requests/${request.id}/approve`, {
    startAt: new Date(Date.now() + 1000).toISOString(),
    facilityLine: FACILITY_LINE,
    supervisorPhone: SUPERVISOR_PHONE,
    reason: 'approved',
  });
  const done = await waitFor(
    'the call to end',
    async () => {
      const c = await api(supToken, 'GET', `/calls/${approved.callId}`);
      return ['completed', 'failed', 'busy', 'machine', 'declined', 'missing_monitor', 'cancelled'].includes(c.state) ? c : undefined;
    },
    60_000,
  );
  assert.equal(done.state, 'completed', JSON.stringify(done));
  // The final event is written a moment after the state.
  const kinds = await waitFor('the final event', async () => {
    const k = (await api(supToken, 'GET', `/calls/${approved.callId}`)).events.map((e: { kind: string }) => e.kind);
    return k.includes('completed') ? k : undefined;
  });
  for (const k of ['detainee_accepted', 'relative_accepted', 'monitor_joined', 'connected', 'completed']) assert.ok(kinds.includes(k), k);
});
