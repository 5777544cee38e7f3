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

/** The ledger is append-only (D-01): a revocation is a new entry, never an update or a delete. */
export function createConsentRepository(db: Db) {
  return {
    append: (c: ConsentChange): Promise<ConsentEntry> =>
      db
        .insertInto('consent_entries')
        .values({
          contact_id: c.contactId,
          scope: c.scope,
          granted: c.granted,
          language: c.language,
          witness: c.witness,
          prompt: c.prompt ?? null,
          recorded_by: c.recordedBy ?? null,
          at: c.at ?? new Date(),
        })
        .returningAll()
        .executeTakeFirstOrThrow(),
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
      const state = Object.fromEntries(CONSENT_SCOPES.map((s) => [s, false])) as ConsentState;
      for (const r of rows) state[r.scope] = r.granted;
      return state;
    },
  };
}

export type ConsentRepository = ReturnType<typeof createConsentRepository>;
