import type { TransactionRepositories } from '../storage/repositories/index.js';
import type { ConsentChange } from '../storage/repositories/index.js';
import type { ContactUpdate } from '../storage/repositories/index.js';
import { CONSENT_SCOPES, type Contact, type Language } from '../storage/schema.js';
import { hashSecret, verifySecret } from '../shared/secret-hash.js';
import type { ImportContact } from './import-row-schema.js';
import type { RowState } from './import-detainees.js';

type Target = { existing?: Contact; id?: number; detaineeId: number; contact: ImportContact; language: Language; rows: RowState[] };

// A column left out of the file leaves that field alone: a file without `blocked` must never unblock (D-09).
function changes(c: Contact, want: ImportContact, secretKey: string, columns: ReadonlySet<string>): ContactUpdate {
  const set: ContactUpdate = {};
  if (c.name !== want.name) set.name = want.name;
  if (c.relationship !== want.relationship) set.relationship = want.relationship;
  if (columns.has('contact_spoken_name') && c.spoken_name !== want.spokenName) set.spoken_name = want.spokenName;
  if (columns.has('contact_language') && c.language !== want.language) set.language = want.language;
  if (want.timeZoneGiven && c.time_zone !== want.timeZone) set.time_zone = want.timeZone;
  if (columns.has('nominated') && c.nominated !== want.nominated) set.nominated = want.nominated;
  if (columns.has('blocked') && c.blocked !== want.blocked) set.blocked = want.blocked;
  // A secret still matching is not re-hashed, so a re-import changes nothing; an empty cell keeps the stored one.
  if (want.secret && !(c.secret_hash && c.secret_salt && verifySecret(want.secret, secretKey, c.secret_salt, c.secret_hash))) {
    const h = hashSecret(want.secret, secretKey);
    set.secret_hash = h.hash;
    set.secret_salt = h.salt;
  }
  return set;
}

/**
 * Creates or updates each row's contact, matched by (detainee, phone), and appends consent entries only
 * where the stated consent differs from the ledger's current state (D-01: append-only, never edited).
 */
export async function importContacts(
  trx: Pick<TransactionRepositories, 'contacts' | 'consent'>,
  rows: RowState[],
  secretKey: string,
  actor: string,
  columns: ReadonlySet<string>,
): Promise<void> {
  const withContact = rows.filter((r) => !r.reason && r.detaineeId !== undefined && r.row.contact);
  if (!withContact.length) return;
  const detaineeIds = [...new Set(withContact.map((r) => r.detaineeId!))];
  const stored = await trx.contacts.listByDetainees(detaineeIds);
  const byKey = new Map(stored.map((c) => [`${c.detainee_id}:${c.phone}`, c]));

  const targets = new Map<string, Target>();
  for (const r of withContact) {
    const key = `${r.detaineeId}:${r.row.contact!.phone}`;
    const t = targets.get(key) ?? {
      existing: byKey.get(key),
      id: byKey.get(key)?.id,
      detaineeId: r.detaineeId!,
      contact: r.row.contact!,
      language: r.row.language,
      rows: [],
    };
    t.contact = r.row.contact!;
    t.language = r.row.language;
    t.rows.push(r);
    targets.set(key, t);
  }

  const now = new Date();
  const creates = [...targets.values()].filter((t) => !t.existing);
  if (creates.length) {
    const inserted = await trx.contacts.insertMany(
      creates.map(({ detaineeId, contact: c }) => {
        const h = c.secret ? hashSecret(c.secret, secretKey) : null;
        return {
          detainee_id: detaineeId,
          name: c.name,
          spoken_name: c.spokenName,
          relationship: c.relationship,
          phone: c.phone,
          time_zone: c.timeZone,
          language: c.language,
          secret_hash: h?.hash ?? null,
          secret_salt: h?.salt ?? null,
          blocked: c.blocked,
          nominated: c.nominated,
          updated_at: now,
        };
      }),
    );
    const ids = new Map(inserted.map((c) => [`${c.detainee_id}:${c.phone}`, c.id]));
    for (const t of creates) {
      t.id = ids.get(`${t.detaineeId}:${t.contact.phone}`);
      for (const r of t.rows) r.changed = true;
      if (t.contact.secret) t.rows[t.rows.length - 1].secretSet = true;
    }
  }
  for (const t of targets.values()) {
    if (!t.existing) continue;
    const set = changes(t.existing, t.contact, secretKey, columns);
    if (Object.keys(set).length === 0) continue;
    await trx.contacts.setColumns(t.existing.id, { ...set, updated_at: now });
    t.rows[t.rows.length - 1].changed = true;
    if (set.secret_hash) t.rows[t.rows.length - 1].secretSet = true;
  }

  if (!columns.has('consent')) return; // without the column, the file says nothing about consent
  const contactIds = [...targets.values()].map((t) => t.id!);
  const current = await trx.consent.currentByContact(contactIds);
  const entries: ConsentChange[] = [];
  for (const t of targets.values()) {
    const state = current.get(t.id!);
    for (const scope of CONSENT_SCOPES) {
      const want = t.contact.consent.includes(scope);
      if ((state?.[scope] ?? false) === want) continue;
      // The detainee gave this consent in his own language (D-01, D-11).
      entries.push({
        contactId: t.id!,
        scope,
        granted: want,
        language: t.language,
        witness: t.contact.witness,
        prompt: 'consent form (CSV import)',
        recordedBy: actor,
        at: now,
      });
      t.rows[t.rows.length - 1].changed = true;
    }
  }
  await trx.consent.appendMany(entries);
}
