import type { Db } from '../database.js';
import { CONSENT_SCOPES, type ConsentEntry, type ConsentScope, type Language } from '../schema.js';

export interface ConsentChange {
  contactId: number;
  scope: ConsentScope;
  granted: boolean;
  language: Language;
  witness: string;
  prompt?: string | null;
  recordedBy?: string | null;
  at?: Date;
}

export type ConsentState = Record<ConsentScope, boolean>;

const toRow = (c: ConsentChange) => ({
  contact_id: c.contactId,
  scope: c.scope,
  granted: c.granted,
  language: c.language,
  witness: c.witness,
  prompt: c.prompt ?? null,
  recorded_by: c.recordedBy ?? null,
  at: c.at ?? new Date(),
});

const noConsent = (): ConsentState => Object.fromEntries(CONSENT_SCOPES.map((s) => [s, false])) as ConsentState;

/** The ledger is append-only (D-01): a revocation is a new entry, never an update or a delete. */
export function createConsentRepository(db: Db) {
  return {
    append: (c: ConsentChange): Promise<ConsentEntry> =>
      db.insertInto('consent_entries').values(toRow(c)).returningAll().executeTakeFirstOrThrow(),
    /** Appends the entries in one statement, in their order. */
    async appendMany(changes: ConsentChange[]): Promise<void> {
      if (changes.length) await db.insertInto('consent_entries').values(changes.map(toRow)).execute();
    },
    history: (contactId: number) =>
      db.selectFrom('consent_entries').selectAll().where('contact_id', '=', contactId).orderBy('id').execute(),
    /** The latest entry per scope wins; no entry means no consent. */
    async current(contactId: number): Promise<ConsentState> {
      const rows = await db
        .selectFrom('consent_entries')
        .select(['scope', 'granted'])
        .where('contact_id', '=', contactId)
        .orderBy('id')
        .execute();
      const state = noConsent();
      for (const r of rows) state[r.scope] = r.granted;
      return state;
    },
    /** `current` of each contact, in one statement; a contact without entries has no consent. */
    async currentByContact(contactIds: number[]): Promise<Map<number, ConsentState>> {
      const states = new Map(contactIds.map((id) => [id, noConsent()]));
      if (!contactIds.length) return states;
      const rows = await db
        .selectFrom('consent_entries')
        .select(['contact_id', 'scope', 'granted'])
        .where('contact_id', 'in', contactIds)
        .orderBy('id')
        .execute();
      for (const r of rows) states.get(r.contact_id)![r.scope] = r.granted;
      return states;
    },
  };
}

export type ConsentRepository = ReturnType<typeof createConsentRepository>;
