import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type KyselyPlugin } from 'kysely';
import { createTestDatabase } from '../support/test-database.js';
import { createRepositories } from '../../src/storage/repositories/index.js';
import type { AppContext } from '../../src/app-context.js';
import type { Db } from '../../src/storage/database.js';
import type { CallSession } from '../../src/hotline/call-session.js';
import { maskPhone } from '../../src/shared/redact.js';
import { writeCallLog, type FinalStatus } from '../../src/hotline/write-call-log.js';

type TestDb = Awaited<ReturnType<typeof createTestDatabase>>;
const KEY = 'batching-test-key-0123456789abcdef0123';

// Counts the statements that succeed through one Kysely handle: every query executed through it, prepared
// or built, hands its driver result to the handle's plugins once.
function counted(db: Db): { db: Db; statements: () => number } {
  let n = 0;
  const plugin: KyselyPlugin = {
    transformQuery: (a) => a.node,
    transformResult: async (a) => {
      n++;
      return a.result;
    },
  };
  return { db: db.withPlugin(plugin), statements: () => n };
}

const ctxFor = (db: Db) => ({ repos: createRepositories(db, KEY) }) as AppContext;

// The single-row statement writeCallLog would run without group commit: the oracle for the batched writes.
const TERMINAL_SQL = sql`('completed', 'busy', 'failed', 'no-answer', 'canceled')`;
const newer = sql`(call_logs.final_status is null or call_logs.final_status not in ${TERMINAL_SQL} or call_logs.last_sequence < excluded.last_sequence)`;
async function singleRowWriteCallLog(db: Db, s: CallSession, final: FinalStatus | undefined, now: Date): Promise<void> {
  const path = JSON.stringify(s.path.map((p) => ({ ...p, at: p.at ?? now.toISOString() })));
  const outcome = s.ended ? (s.path.at(-1)?.step ?? 'ended') : null;
  await db
    .insertInto('call_logs')
    .values({
      call_sid: s.callSid,
      direction: 'inbound',
      from_masked: maskPhone(s.from) || null,
      language: s.language,
      started_at: new Date(s.startedAt ?? now),
      updated_at: now,
      path,
      outcome,
      flagged: s.data.flagged ?? false,
      stir_verstat: s.stirVerstat ?? null,
      final_status: final?.status ?? null,
      last_sequence: final?.sequence ?? 0,
      duration_seconds: final?.durationSeconds ?? null,
    })
    .onConflict((oc) =>
      oc.column('call_sid').doUpdateSet({
        path: sql`case when jsonb_array_length(excluded.path) >= jsonb_array_length(call_logs.path) then excluded.path else call_logs.path end`,
        language: sql`case when jsonb_array_length(excluded.path) >= jsonb_array_length(call_logs.path) then excluded.language else call_logs.language end`,
        from_masked: sql`coalesce(call_logs.from_masked, excluded.from_masked)`,
        started_at: sql`least(call_logs.started_at, excluded.started_at)`,
        stir_verstat: sql`coalesce(call_logs.stir_verstat, excluded.stir_verstat)`,
        outcome: sql`coalesce(excluded.outcome, call_logs.outcome)`,
        flagged: sql`call_logs.flagged or excluded.flagged`,
        updated_at: now,
        ...(final
          ? {
              final_status: sql`case when ${newer} then excluded.final_status else call_logs.final_status end`,
              duration_seconds: sql`case when ${newer} then coalesce(excluded.duration_seconds, call_logs.duration_seconds) else call_logs.duration_seconds end`,
              last_sequence: sql`case when ${newer} then excluded.last_sequence else call_logs.last_sequence end`,
            }
          : {}),
      }),
    )
    .execute();
}

// A deterministic pseudo-random sequence, so a failure can be reproduced.
function rng(seed: number) {
  return () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
}

interface Write {
  s: CallSession;
  final?: FinalStatus;
}

/** `n` writes over n/2.5 calls: repeated call_sids, with and without final, out-of-order sequence numbers. */
function workload(n: number, seed: number, prefix: string): Write[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const calls = Math.ceil(n / 2.5);
  const writes: Write[] = [];
  while (writes.length < n) {
    const i = Math.floor(r() * calls);
    const steps = 1 + Math.floor(r() * 4);
    const s: CallSession = {
      callSid: `${prefix}${String(i).padStart(4, '0')}`,
      from: r() < 0.2 ? '' : `+7916${String(1000000 + i).padStart(7, '0')}`,
      turn: steps,
      language: pick(['ru', 'uk', 'en']),
      path: Array.from({ length: steps }, (_, k) => ({ step: pick(['menu', 'ref', 'secret', 'disclosure', 'bye']), input: r() < 0.3 ? '***' : undefined, at: `2026-06-01T09:0${k}:00.000Z` })),
      ended: r() < 0.6,
      data: r() < 0.15 ? { flagged: true } : {},
      startedAt: new Date(Date.UTC(2026, 5, 1, 9, Math.floor(r() * 50))).toISOString(),
      stirVerstat: r() < 0.5 ? pick(['TN-Validation-Passed-A', 'No-TN-Validation', null]) : undefined,
    } as unknown as CallSession;
    const final =
      r() < 0.5
        ? { status: pick(['completed', 'busy', 'failed', 'no-answer', 'canceled', 'in-progress', 'ringing']), sequence: Math.floor(r() * 8), durationSeconds: r() < 0.3 ? null : Math.floor(r() * 600) }
        : undefined;
    writes.push({ s, final });
  }
  return writes;
}

async function callLogs(db: Db, prefix: string) {
  const rows = await db.selectFrom('call_logs').selectAll().where('call_sid', 'like', `${prefix}%`).orderBy('call_sid').execute();
  // updated_at is the wall clock of each write; it is checked separately.
  return rows.map(({ updated_at, ...rest }) => rest);
}

let a: TestDb;
let b: TestDb;

before(async () => {
  [a, b] = await Promise.all([createTestDatabase(), createTestDatabase()]);
});
after(async () => {
  await Promise.all([a?.close(), b?.close()]);
});

describe('writeCallLog group commit', () => {
  it('200 concurrent writes end exactly as 200 sequential single-row upserts, in fewer statements', async () => {
    const writes = workload(200, 42, 'CAbatch');
    assert.ok(new Set(writes.map((w) => w.s.callSid)).size < 100, 'the workload repeats call_sids');
    assert.ok(writes.some((w) => w.final) && writes.some((w) => !w.final));

    const now = new Date();
    for (const w of writes) await singleRowWriteCallLog(b.db, w.s, w.final, now);

    const c = counted(a.db);
    const ctx = ctxFor(c.db);
    const started = Date.now();
    // Half submitted at once, half trickling in while batches are in flight.
    const first = writes.slice(0, 100).map((w) => writeCallLog(ctx, w.s, w.final));
    const rest: Promise<void>[] = [];
    for (const w of writes.slice(100)) {
      rest.push(writeCallLog(ctx, w.s, w.final));
      if (rest.length % 10 === 0) await new Promise((res) => setImmediate(res));
    }
    await Promise.all([...first, ...rest]);

    assert.deepEqual(await callLogs(a.db, 'CAbatch'), await callLogs(b.db, 'CAbatch'));
    const times = await a.db.selectFrom('call_logs').select('updated_at').where('call_sid', 'like', 'CAbatch%').execute();
    for (const t of times) assert.ok(t.updated_at.getTime() >= started - 1000 && t.updated_at.getTime() <= Date.now() + 1000);
    assert.ok(c.statements() < writes.length / 4, `${c.statements()} statements for ${writes.length} rows`);
    assert.ok(c.statements() >= 3, 'a row per call_sid per statement needs several statements');
  });

  it('a quiet write goes at once, alone, in one statement', async () => {
    const c = counted(a.db);
    const [w] = workload(1, 7, 'CAquiet');
    await writeCallLog(ctxFor(c.db), w.s, w.final);
    assert.equal(c.statements(), 1);
    assert.equal((await callLogs(a.db, 'CAquiet')).length, 1);
  });

  it('handles of different databases never share a batch', async () => {
    const wa = workload(40, 3, 'CAsepA');
    const wb = workload(40, 4, 'CAsepB');
    await Promise.all([...wa.map((w) => writeCallLog(ctxFor(a.db), w.s, w.final)), ...wb.map((w) => writeCallLog(ctxFor(b.db), w.s, w.final))]);
    assert.ok((await callLogs(a.db, 'CAsep')).every((r) => r.call_sid.startsWith('CAsepA')));
    assert.ok((await callLogs(b.db, 'CAsep')).every((r) => r.call_sid.startsWith('CAsepB')));
    assert.equal((await callLogs(a.db, 'CAsepA')).length, new Set(wa.map((w) => w.s.callSid)).size);
  });

  it('a bad row fails only its own caller: the rows that shared its statement are written again alone', async () => {
    const ctx = ctxFor(a.db);
    const session = (callSid: string, input?: string): CallSession =>
      ({ callSid, from: '+79161234567', turn: 1, language: 'ru', path: [{ step: 'menu', input, at: '2026-06-01T09:00:00.000Z' }], ended: true, data: {}, startedAt: '2026-06-01T09:00:00.000Z' }) as unknown as CallSession;
    const final = { status: 'completed', sequence: 3, durationSeconds: 12 };
    // jsonb refuses \u0000: a server-side error for the statement holding this row.
    const bad = session('CAerr-bad', 'nul\u0000');

    const inFlight = writeCallLog(ctx, session('CAerr-0'), final);
    // These queue behind it and go as one batch, rows with and without a final status in one statement.
    const results = await Promise.allSettled([
      writeCallLog(ctx, bad, final),
      writeCallLog(ctx, session('CAerr-1'), final),
      writeCallLog(ctx, session('CAerr-2'), final),
      writeCallLog(ctx, session('CAerr-3')),
      writeCallLog(ctx, session('CAerr-4')),
      inFlight,
    ]);
    const [rBad, r1, r2, r3, r4, r0] = results;
    assert.equal(rBad.status, 'rejected');
    assert.match(String((rBad as PromiseRejectedResult).reason?.message), /\\u0000|unicode|escape/i);
    for (const r of [r1, r2, r3, r4, r0]) assert.equal(r.status, 'fulfilled');
    assert.deepEqual(
      (await callLogs(a.db, 'CAerr')).map((r) => r.call_sid),
      ['CAerr-0', 'CAerr-1', 'CAerr-2', 'CAerr-3', 'CAerr-4'],
      'every row but the bad one was written',
    );

    // Later batches work, including rows whose earlier statement failed.
    await Promise.all([writeCallLog(ctx, session('CAerr-1'), final), writeCallLog(ctx, session('CAerr-2'), final), writeCallLog(ctx, session('CAerr-5'))]);
    const rows = await callLogs(a.db, 'CAerr');
    assert.deepEqual(rows.map((r) => r.call_sid), ['CAerr-0', 'CAerr-1', 'CAerr-2', 'CAerr-3', 'CAerr-4', 'CAerr-5']);
    assert.equal(rows.find((r) => r.call_sid === 'CAerr-2')?.final_status, 'completed');
  });
});
