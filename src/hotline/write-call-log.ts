import { sql } from 'kysely';
import type { AppContext } from '../app-context.js';
import type { Db } from '../storage/database.js';
import { createGroupCommit, type GroupCommit } from '../storage/group-commit.js';
import { prepareQuery, type PreparedQuery } from '../storage/prepared-query.js';
import type { Language } from '../storage/schema.js';
import { maskPhone } from '../shared/redact.js';
import type { CallSession } from './call-session.js';

export interface FinalStatus {
  status: string;
  sequence: number;
  durationSeconds: number | null;
}

// A final status replaces the stored one unless a final status with a newer sequence is already there: the
// rule of callLogs.applyStatus for terminal statuses (pitfall 13), folded into the same statement. A row
// without a final status (the end of a flow) leaves the stored status, sequence and duration as they are.
const TERMINAL_SQL = sql`('completed', 'busy', 'failed', 'no-answer', 'canceled')`;
const newer = sql`(excluded.final_status is not null and (call_logs.final_status is null or call_logs.final_status not in ${TERMINAL_SQL} or call_logs.last_sequence < excluded.last_sequence))`;

/** One call_logs row as written by writeCallLog; every field is a statement parameter. */
export interface CallLogRow {
  call_sid: string;
  direction: 'inbound';
  from_masked: string | null;
  language: Language | null;
  started_at: Date;
  updated_at: Date;
  path: string;
  outcome: string | null;
  flagged: boolean;
  stir_verstat: string | null;
  final_status: string | null;
  last_sequence: number;
  duration_seconds: number | null;
}

const COLUMNS = ['call_sid', 'direction', 'from_masked', 'language', 'started_at', 'updated_at', 'path', 'outcome', 'flagged', 'stir_verstat', 'final_status', 'last_sequence', 'duration_seconds'] as const satisfies ReadonlyArray<keyof CallLogRow>;

/** The most rows one statement writes; more wait for the next one. */
export const MAX_BATCH = 100;
// A final status callback is answered to Twilio, not to a caller, so its row may wait this long for others
// to share the statement; rows written at the end of a flow, while a caller waits for the answer, never wait.
const FINAL_LINGER_MS = 2;

/**
 * How long a row may wait for company: a final-status row waits `ms` only when the previous one came less
 * than `ms` before it, that is when another is likely to come while it waits. At a low rate of calls the
 * wait would buy no shared statement and only add its milliseconds to the callback.
 */
export function lingerWhenBusy(ms: number, now: () => number = () => performance.now()): (final: boolean) => number {
  let last = -Infinity;
  return (final) => {
    if (!final) return 0;
    const t = now();
    const wait = t - last <= ms ? ms : 0;
    last = t;
    return wait;
  };
}

export function callLogRow(s: CallSession, final: FinalStatus | undefined, now: Date): CallLogRow {
  const path = JSON.stringify(s.path.map((p) => ({ ...p, at: p.at ?? now.toISOString() })));
  return {
    call_sid: s.callSid,
    direction: 'inbound',
    from_masked: maskPhone(s.from) || null,
    language: s.language,
    started_at: new Date(s.startedAt ?? now),
    updated_at: now,
    path,
    outcome: s.ended ? (s.path.at(-1)?.step ?? 'ended') : null,
    flagged: s.data.flagged ?? false,
    stir_verstat: s.stirVerstat ?? null,
    final_status: final?.status ?? null,
    last_sequence: final?.sequence ?? 0,
    duration_seconds: final?.durationSeconds ?? null,
  };
}

/**
 * The upsert of `rows` (distinct call_sids) as a builder. Each row's conflict update reads only its own
 * `excluded` values and its own stored row, so a multi-row statement does to every row exactly what a
 * statement of that row alone would do, whether or not the rows carry a final status. `updated_at` is taken
 * from `excluded` (the row's own `now`) rather than a statement-wide parameter for that reason.
 */
export function buildCallLogUpsert(db: Db, rows: CallLogRow[]) {
  return db
    .insertInto('call_logs')
    .values(rows)
    .onConflict((oc) =>
      oc.column('call_sid').doUpdateSet({
        // Never a shorter path over a longer one: a late final status that only found the menu trail (its
        // session expired) must not erase the steps the flow's end already wrote.
        path: sql`case when jsonb_array_length(excluded.path) >= jsonb_array_length(call_logs.path) then excluded.path else call_logs.path end`,
        language: sql`case when jsonb_array_length(excluded.path) >= jsonb_array_length(call_logs.path) then excluded.language else call_logs.language end`,
        from_masked: sql`coalesce(call_logs.from_masked, excluded.from_masked)`,
        started_at: sql`least(call_logs.started_at, excluded.started_at)`,
        stir_verstat: sql`coalesce(call_logs.stir_verstat, excluded.stir_verstat)`,
        outcome: sql`coalesce(excluded.outcome, call_logs.outcome)`,
        flagged: sql`call_logs.flagged or excluded.flagged`,
        updated_at: sql`excluded.updated_at`,
        final_status: sql`case when ${newer} then excluded.final_status else call_logs.final_status end`,
        duration_seconds: sql`case when ${newer} then coalesce(excluded.duration_seconds, call_logs.duration_seconds) else call_logs.duration_seconds end`,
        last_sequence: sql`case when ${newer} then excluded.last_sequence else call_logs.last_sequence end`,
      }),
    );
}

type RowInputs = Record<string, unknown>;
const inputName = (i: number, c: keyof CallLogRow) => `${i}.${c}`;

// One prepared statement per number of rows: at most MAX_BATCH, each compiled once per database handle on
// first use. The common small batches are also named statements on PostgreSQL; the rare large ones are not,
// so a connection caches at most NAMED_UP_TO plans of this statement.
const NAMED_UP_TO = 8;
const upserts = new Map<string, PreparedQuery<RowInputs, unknown>>();

function upsertFor(n: number): PreparedQuery<RowInputs, unknown> {
  const shape = String(n);
  let q = upserts.get(shape);
  if (!q) {
    const names = Array.from({ length: n }, (_, i) => COLUMNS.map((c) => inputName(i, c))).flat();
    q = prepareQuery<RowInputs, unknown>(names, (db, p) => {
      // The placeholders stand in for the values; they only pass through to Kysely.
      const rows = Array.from({ length: n }, (_, i) => Object.fromEntries(COLUMNS.map((c) => [c, p[inputName(i, c)]])) as unknown as CallLogRow);
      return buildCallLogUpsert(db, rows);
    }, { named: n <= NAMED_UP_TO });
    upserts.set(shape, q);
  }
  return q;
}

interface Pending {
  row: CallLogRow;
  final: boolean;
}

async function writeRows(db: Db, items: Pending[]): Promise<void> {
  // Rows in call_sid order: every statement, on every instance, then locks rows in the same order, so two
  // batches holding the same calls cannot deadlock.
  items = [...items].sort((a, b) => (a.row.call_sid < b.row.call_sid ? -1 : a.row.call_sid > b.row.call_sid ? 1 : 0));
  const inputs: RowInputs = {};
  items.forEach(({ row }, i) => {
    for (const c of COLUMNS) inputs[inputName(i, c)] = row[c];
  });
  await upsertFor(items.length).execute(db, inputs);
}

// One queue per database handle, so several contexts in one process (tests) never share a statement.
const committers = new WeakMap<Db, GroupCommit<Pending>>();

function committerFor(db: Db): GroupCommit<Pending> {
  let submit = committers.get(db);
  if (!submit) {
    const linger = lingerWhenBusy(FINAL_LINGER_MS);
    submit = createGroupCommit<Pending>({
      key: (p) => p.row.call_sid,
      // Rows with and without a final status share statements: the conflict rule tells them apart per row.
      group: () => 'call_logs',
      write: (items) => writeRows(db, items),
      maxBatch: MAX_BATCH,
      lingerMs: (p) => linger(p.final),
    });
    committers.set(db, submit);
  }
  return submit;
}

/**
 * Writes the call's path (steps with redacted inputs), outcome and flag in one statement. The path lives in
 * the Redis session while the call runs, so a webhook costs no database write; it is written when the flow
 * ends and again on the final status callback (the same row, so a repeat changes nothing).
 *
 * Concurrent calls are group-committed: while one upsert is in flight, rows queue and then go in one
 * multi-row statement, rows with and without a final status alike. Rows of one call are
 * written in call order, never two in one statement; the promise settles when the row's statement has.
 */
export async function writeCallLog(ctx: AppContext, s: CallSession, final?: FinalStatus): Promise<void> {
  const row = callLogRow(s, final, new Date());
  await committerFor(ctx.repos.db)({ row, final: !!final });
}

/** Writes the rows still queued or lingering for `db`; run before the database closes (ctx.beforeClose). */
export async function flushCallLogs(db: Db): Promise<void> {
  await committers.get(db)?.flush();
}
