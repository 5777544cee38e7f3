import type { Db } from '../database.js';
import type { Insertable, Updateable } from 'kysely';
import type { Contact, ContactTable, Language } from '../schema.js';
import { hashSecret, verifySecret } from '../../shared/secret-hash.js';

export interface NewContactInput {
  detaineeId: number;
  name: string;
  relationship: string;
  phone: string; // E.164, already normalised
  timeZone: string;
  language?: Language;
  secret?: string | null;
  blocked?: boolean;
  nominated?: boolean;
  /** The contact's local calling hours, HH:MM (O-01); the database default is "any time". */
  callHoursStart?: string;
  callHoursEnd?: string;
  /** The name in Cyrillic, for a ru/uk voice (D-11); null clears it. */
  spokenName?: string | null;
}

/** A contact row as stored (secret already hashed), for the import's batch writes. */
export type NewContact = Insertable<ContactTable>;
export type ContactUpdate = Updateable<ContactTable>;

export type ContactChanges = Partial<Omit<NewContactInput, 'detaineeId' | 'secret'>> & { callsStopped?: boolean };

export function createContactRepository(db: Db, secretKey: string) {
  return {
    async create(input: NewContactInput): Promise<Contact> {
      const secret = input.secret ? hashSecret(input.secret, secretKey) : null;
      return db
        .insertInto('contacts')
        .values({
          detainee_id: input.detaineeId,
          name: input.name,
          relationship: input.relationship,
          phone: input.phone,
          time_zone: input.timeZone,
          language: input.language ?? 'ru',
          secret_hash: secret?.hash ?? null,
          secret_salt: secret?.salt ?? null,
          blocked: input.blocked ?? false,
          nominated: input.nominated ?? false,
          spoken_name: input.spokenName ?? null,
          ...(input.callHoursStart ? { call_hours_start: input.callHoursStart } : {}),
          ...(input.callHoursEnd ? { call_hours_end: input.callHoursEnd } : {}),
          updated_at: new Date(),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    findById: (id: number) => db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst(),
    listByDetainee: (detaineeId: number) =>
      db.selectFrom('contacts').selectAll().where('detainee_id', '=', detaineeId).orderBy('id').execute(),
    findByDetaineeAndPhone: (detaineeId: number, phone: string) =>
      db.selectFrom('contacts').selectAll().where('detainee_id', '=', detaineeId).where('phone', '=', phone).executeTakeFirst(),
    listByDetainees: async (detaineeIds: number[]): Promise<Contact[]> =>
      detaineeIds.length ? db.selectFrom('contacts').selectAll().where('detainee_id', 'in', detaineeIds).execute() : [],
    /** Inserts rows as given (secrets already hashed) in one statement. */
    insertMany: (rows: NewContact[]): Promise<Array<{ id: number; detainee_id: number; phone: string }>> =>
      db.insertInto('contacts').values(rows).returning(['id', 'detainee_id', 'phone']).execute(),
    /** Sets the given columns as they are (the import decides what changed). */
    async setColumns(id: number, columns: ContactUpdate): Promise<void> {
      await db.updateTable('contacts').set(columns).where('id', '=', id).execute();
    },
    listByPhone: (phone: string) => db.selectFrom('contacts').selectAll().where('phone', '=', phone).execute(),
    async update(id: number, c: ContactChanges): Promise<Contact | undefined> {
      const row: Record<string, unknown> = { updated_at: new Date() };
      if (c.name !== undefined) row.name = c.name;
      if (c.relationship !== undefined) row.relationship = c.relationship;
      if (c.phone !== undefined) row.phone = c.phone;
      if (c.timeZone !== undefined) row.time_zone = c.timeZone;
      if (c.language !== undefined) row.language = c.language;
      if (c.blocked !== undefined) row.blocked = c.blocked;
      if (c.nominated !== undefined) row.nominated = c.nominated;
      if (c.callsStopped !== undefined) row.calls_stopped = c.callsStopped;
      if (c.callHoursStart) row.call_hours_start = c.callHoursStart;
      if (c.callHoursEnd) row.call_hours_end = c.callHoursEnd;
      if (c.spokenName !== undefined) row.spoken_name = c.spokenName;
      return db
        .updateTable('contacts')
        .set(row as never)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },
    /** Stores only the keyed hash; the secret itself is never kept. */
    async setSecret(id: number, secret: string): Promise<void> {
      const { hash, salt } = hashSecret(secret, secretKey);
      await db.updateTable('contacts').set({ secret_hash: hash, secret_salt: salt, updated_at: new Date() }).where('id', '=', id).execute();
    },
    /** C-11: the owner of a number asked for no more calls, for every detainee this number is a contact of. */
    async stopCallsToPhone(phone: string): Promise<number> {
      const r = await db
        .updateTable('contacts')
        .set({ calls_stopped: true, updated_at: new Date() })
        .where('phone', '=', phone)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
    /** True when the contact has a secret and `secret` matches it. */
    secretMatches(contact: Pick<Contact, 'secret_hash' | 'secret_salt'>, secret: string): boolean {
      if (!contact.secret_hash || !contact.secret_salt) return false;
      return verifySecret(secret, secretKey, contact.secret_salt, contact.secret_hash);
    },
  };
}

export type ContactRepository = ReturnType<typeof createContactRepository>;
