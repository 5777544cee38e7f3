import type { Db } from '../database.js';
import type { ConsentScope, Contact, Detainee } from '../schema.js';

export interface StatusFacts {
  detainee?: Pick<Detainee, 'id' | 'status' | 'health_category' | 'possibly_dead'>;
  contacts: Array<Pick<Contact, 'id' | 'secret_hash' | 'secret_salt' | 'blocked'> & { consent: Record<ConsentScope, boolean> }>;
}

/**
 * Everything a status query needs in one statement: the detainee, his contacts and each contact's current
 * consent (the ledger read in order, so the latest entry per scope wins, D-01). One statement whether or not
 * the reference exists, so the database does the same kind of work in every case (C-05).
 */
export async function selectStatusFacts(db: Db, reference: string): Promise<StatusFacts> {
  const rows = await db
    .selectFrom('detainees as d')
    .leftJoin('contacts as c', 'c.detainee_id', 'd.id')
    .leftJoin('consent_entries as e', 'e.contact_id', 'c.id')
    .select([
      'd.id as detainee_id',
      'd.status',
      'd.health_category',
      'd.possibly_dead',
      'c.id as contact_id',
      'c.secret_hash',
      'c.secret_salt',
      'c.blocked',
      'e.scope',
      'e.granted',
    ])
    .where('d.reference', '=', reference)
    .orderBy('d.id')
    .orderBy('c.id')
    .orderBy('e.id')
    .execute();
  if (rows.length === 0) return { contacts: [] };
  const r0 = rows[0];
  const contacts = new Map<number, StatusFacts['contacts'][number]>();
  for (const r of rows) {
    if (r.contact_id === null) continue;
    let c = contacts.get(r.contact_id);
    if (!c) {
      c = {
        id: r.contact_id,
        secret_hash: r.secret_hash,
        secret_salt: r.secret_salt,
        blocked: !!r.blocked,
        consent: { held: false, health: false, messages: false, calls: false },
      };
      contacts.set(r.contact_id, c);
    }
    if (r.scope) c.consent[r.scope] = !!r.granted;
  }
  return {
    detainee: { id: r0.detainee_id, status: r0.status, health_category: r0.health_category, possibly_dead: r0.possibly_dead },
    contacts: [...contacts.values()],
  };
}
