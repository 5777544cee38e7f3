import { sql } from 'kysely';
import type { Db } from '../storage/database.js';
import { createBatchedReads, type BatchedRead } from '../storage/batched-reads.js';
import { prepareQuery } from '../storage/prepared-query.js';
import type { ConsentScope, Contact, Detainee } from '../storage/schema.js';

export interface StatusFacts {
  detainee?: Pick<Detainee, 'id' | 'status' | 'health_category' | 'possibly_dead'>;
  contacts: Array<Pick<Contact, 'id' | 'secret_hash' | 'secret_salt' | 'blocked'> & { consent: Record<ConsentScope, boolean> }>;
}

/**
 * The statement, as a builder (also run directly by tests to compare with the prepared form): the facts of
 * every reference in `references`, one array parameter, so one statement (and one plan) serves a batch of
 * any size.
 */
export const buildStatusFacts = (db: Db, p: { references: string[] }) =>
  db
    .selectFrom('detainees as d')
    .leftJoin('contacts as c', 'c.detainee_id', 'd.id')
    .leftJoin('consent_entries as e', 'e.contact_id', 'c.id')
    .select(['d.reference', 'd.id as detainee_id', 'd.status', 'd.health_category', 'd.possibly_dead', 'c.id as contact_id', 'c.secret_hash', 'c.secret_salt', 'c.blocked', 'e.scope', 'e.granted'])
    .where('d.reference', '=', sql<string>`any(${p.references})`)
    .orderBy('d.id')
    .orderBy('c.id')
    .orderBy('e.id');

// Compiled once per database handle: this runs on every status query, where Kysely's compilation cost more
// CPU than the driver.
export const statusFactsQuery = prepareQuery(['references'], buildStatusFacts, { named: true });

type Row = Awaited<ReturnType<typeof statusFactsQuery.execute>>['rows'][number];

// Lookups that arrive while one is in flight share the next statement (batched-reads.ts): a status lookup
// was the costliest round trip of a call, and under load several are waiting at any moment. One reader per
// database handle, so several contexts in one process (tests) never share a statement.
const MAX_BATCH = 64;
// Twilio waits 15 s for a webhook; a lookup stuck longer than this ends in the apology instead of silence.
const TIMEOUT_MS = 5000;
const readers = new WeakMap<Db, BatchedRead<string, Row[]>>();

function readerFor(db: Db): BatchedRead<string, Row[]> {
  let read = readers.get(db);
  if (!read) {
    read = createBatchedReads<string, Row[]>({
      maxBatch: MAX_BATCH,
      timeoutMs: TIMEOUT_MS,
      async read(references) {
        const { rows } = await statusFactsQuery.execute(db, { references });
        // char(10) compares without trailing blanks and comes back padded to the column's width: match the
        // rows to the references asked for on both sides without them.
        const byReference = new Map<string, Row[]>();
        for (const r of rows) {
          const ref = r.reference.trimEnd();
          const list = byReference.get(ref);
          if (list) list.push(r);
          else byReference.set(ref, [r]);
        }
        const found = new Map<string, Row[]>();
        for (const ref of references) {
          const list = byReference.get(ref.trimEnd());
          if (list) found.set(ref, list);
        }
        return found;
      },
    });
    readers.set(db, read);
  }
  return read;
}

/**
 * Everything a status query needs in one statement: the detainee, his contacts and each contact's current
 * consent (the latest ledger entry per scope wins, D-01). One statement whether or not the reference exists,
 * shared with whatever other lookups are waiting, so the database does the same kind of work in every case
 * (C-05).
 */
export async function findStatusFacts(db: Db, reference: string): Promise<StatusFacts> {
  const rows = (await readerFor(db)(reference)) ?? [];
  if (rows.length === 0) return { contacts: [] };
  const r0 = rows[0];
  const contacts = new Map<number, StatusFacts['contacts'][number]>();
  for (const r of rows) {
    if (r.contact_id === null) continue;
    let c = contacts.get(r.contact_id);
    if (!c) {
      c = { id: r.contact_id, secret_hash: r.secret_hash, secret_salt: r.secret_salt, blocked: !!r.blocked, consent: { held: false, health: false, messages: false, calls: false } };
      contacts.set(r.contact_id, c);
    }
    if (r.scope) c.consent[r.scope] = !!r.granted;
  }
  return { detainee: { id: r0.detainee_id, status: r0.status, health_category: r0.health_category, possibly_dead: r0.possibly_dead }, contacts: [...contacts.values()] };
}
