import type { Db } from '../storage/database.js';
import { prepareQuery } from '../storage/prepared-query.js';
import type { ConsentScope, Contact, Detainee } from '../storage/schema.js';

export interface StatusFacts {
  detainee?: Pick<Detainee, 'id' | 'status' | 'health_category' | 'possibly_dead'>;
  contacts: Array<Pick<Contact, 'id' | 'secret_hash' | 'secret_salt' | 'blocked'> & { consent: Record<ConsentScope, boolean> }>;
}

/** The statement, as a builder (also run directly by tests to compare with the prepared form). */
export const buildStatusFacts = (db: Db, p: { reference: string }) =>
  db
    .selectFrom('detainees as d')
    .leftJoin('contacts as c', 'c.detainee_id', 'd.id')
    .leftJoin('consent_entries as e', 'e.contact_id', 'c.id')
    .select(['d.id as detainee_id', 'd.status', 'd.health_category', 'd.possibly_dead', 'c.id as contact_id', 'c.secret_hash', 'c.secret_salt', 'c.blocked', 'e.scope', 'e.granted'])
    .where('d.reference', '=', p.reference)
    .orderBy('c.id')
    .orderBy('e.id');

// Compiled once per database handle: this runs on every status query, where Kysely's compilation cost more
// CPU than the driver.
export const statusFactsQuery = prepareQuery(['reference'], buildStatusFacts, { named: true });

/**
 * Everything a status query needs in one statement: the detainee, his contacts and each contact's current
 * consent (the latest ledger entry per scope wins, D-01). One round trip whether or not the reference exists,
 * so the database does the same kind of work in every case (C-05).
 */
export async function findStatusFacts(db: Db, reference: string): Promise<StatusFacts> {
  const { rows } = await statusFactsQuery.execute(db, { reference });
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
