import { createHash } from 'node:crypto';
import type { Db } from '../database.js';
import type { AuditEntry } from '../schema.js';

export interface AuditInput {
  actor: string;
  action: string;
  subjectType?: string | null;
  subjectId?: string | number | null;
  detail?: Record<string, unknown>;
}

export interface AuditFilter {
  limit?: number;
  beforeSeq?: number;
  subjectType?: string;
  subjectId?: string;
  actor?: string;
  /** An action, or its prefix up to a dot. */
  action?: string;
  from?: Date;
  /** Exclusive. */
  until?: Date;
  /** With `systemOnly`, only their entries; without, everyone else's. */
  systemActors?: readonly string[];
  systemOnly?: boolean;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  /** The first entry found wrong, with what is wrong with it. */
  problem?: { seq: number; reason: string };
}

// Key order must not depend on how the database returns JSON, so objects are serialised with sorted keys.
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v instanceof Date ? v.toISOString() : v);
}

function entryHash(e: {
  seq: number;
  at: Date;
  actor: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: unknown;
  prev_hash: string;
}): string {
  return createHash('sha256')
    .update(canonical([e.seq, e.at.toISOString(), e.actor, e.action, e.subject_type, e.subject_id, e.detail, e.prev_hash]))
    .digest('hex');
}

/**
 * Append-only, hash-chained audit log. Each entry's hash covers its content and the previous hash; the
 * head row holds the newest seq and hash, so an edit, an insertion or a deletion anywhere (also of the
 * newest entries) breaks verification.
 */
export function createAuditRepository(db: Db) {
  return {
    async append(input: AuditInput): Promise<AuditEntry> {
      return db.transaction().execute(async (trx) => {
        // The row lock serialises writers, so two appends can never share a prev_hash.
        const head = await trx.selectFrom('audit_head').selectAll().where('id', '=', 1).forUpdate().executeTakeFirstOrThrow();
        // Millisecond precision: what timestamptz keeps, so the hash survives a round trip.
        const at = new Date(Math.floor(Date.now()));
        const base = {
          seq: head.seq + 1,
          at,
          actor: input.actor,
          action: input.action,
          subject_type: input.subjectType ?? null,
          subject_id: input.subjectId == null ? null : String(input.subjectId),
          detail: input.detail ?? {},
          prev_hash: head.hash,
        };
        const hash = entryHash(base);
        const row = await trx
          .insertInto('audit_log')
          .values({ ...base, detail: JSON.stringify(base.detail), hash })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.updateTable('audit_head').set({ seq: base.seq, hash }).where('id', '=', 1).execute();
        return row;
      });
    },
    /** Newest first, at most 500 a page (no bulk export, A-09); each filter given narrows the list. */
    list: (opts: AuditFilter = {}) => {
      let q = db
        .selectFrom('audit_log')
        .selectAll()
        .orderBy('seq', 'desc')
        .limit(Math.min(opts.limit ?? 100, 500));
      if (opts.beforeSeq) q = q.where('seq', '<', opts.beforeSeq);
      if (opts.subjectType) q = q.where('subject_type', '=', opts.subjectType);
      if (opts.subjectId) q = q.where('subject_id', '=', opts.subjectId);
      if (opts.actor) q = q.where('actor', '=', opts.actor);
      if (opts.systemActors?.length) q = q.where('actor', opts.systemOnly ? 'in' : 'not in', [...opts.systemActors]);
      // An action, or a family of them: "detainee" finds detainee.view, detainee.update...
      const a = opts.action;
      if (a) q = q.where((eb) => eb.or([eb('action', '=', a), eb('action', 'like', `${a.replace(/[\\%_]/g, '\\$&')}.%`)]));
      if (opts.from) q = q.where('at', '>=', opts.from);
      if (opts.until) q = q.where('at', '<', opts.until);
      return q.execute();
    },
    /** Reads the head and the whole chain in one repeatable-read snapshot, so appends running meanwhile cannot look like tampering. */
    verify(): Promise<AuditVerification> {
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute((trx) => verifyChain(trx));
    },
  };
}

async function verifyChain(db: Db): Promise<AuditVerification> {
  const head = await db.selectFrom('audit_head').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  let prev = 'genesis';
  let expectedSeq = 1;
  let count = 0;
  // Paged so a long chain does not load into memory at once.
  for (;;) {
    const page = await db.selectFrom('audit_log').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(1000).execute();
    if (page.length === 0) break;
    for (const e of page) {
      if (e.seq !== expectedSeq)
        return { ok: false, entries: count, problem: { seq: expectedSeq, reason: `entry ${expectedSeq} is missing (deleted)` } };
      if (e.prev_hash !== prev)
        return {
          ok: false,
          entries: count,
          problem: { seq: e.seq, reason: 'its link to the previous entry is broken (an entry was inserted, deleted or edited before it)' },
        };
      if (entryHash(e) !== e.hash)
        return { ok: false, entries: count, problem: { seq: e.seq, reason: 'its content does not match its hash (edited)' } };
      prev = e.hash;
      expectedSeq++;
      count++;
    }
  }
  if (head.seq !== count || head.hash !== prev) {
    return {
      ok: false,
      entries: count,
      problem: { seq: count + 1, reason: `the chain ends at ${count} but the head says ${head.seq}: the newest entries were deleted` },
    };
  }
  return { ok: true, entries: count };
}

export type AuditRepository = ReturnType<typeof createAuditRepository>;
