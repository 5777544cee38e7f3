import { sql } from 'kysely';
import type { Db } from '../database.js';
import {
  IN_CUSTODY_STATUSES,
  type Detainee,
  type DetaineeStatus,
  type DetaineeUpdate,
  type HealthCategory,
  type Language,
  type NewDetainee,
} from '../schema.js';
import { generateReference } from '../../shared/reference.js';
import { selectStatusFacts, type StatusFacts } from './select-status-facts.js';

export interface NewDetaineeInput {
  reference?: string;
  familyName: string;
  givenName: string;
  patronymic?: string | null;
  birthDate?: string | null;
  status: DetaineeStatus;
  statusSource?: string | null;
  statusAt?: Date;
  healthCategory?: HealthCategory | null;
  possiblyDead?: boolean;
  facilityId?: number | null;
  language?: Language;
  /** The given name in Cyrillic, for a ru/uk voice (D-11); null clears it. */
  spokenName?: string | null;
}

export type DetaineeChanges = Partial<Omit<NewDetaineeInput, 'reference'>> & { nibReportedAt?: Date | null; protectionConcern?: boolean };

/** D-03: a first family contact within 7 days; the floor for a detainee not (yet) placed in a facility. */
export const DEFAULT_CONTACT_FLOOR_DAYS = 7;

/** A page of search results is capped: there is no bulk export (A-09). */
export const SEARCH_LIMIT = 50;

function toRow(input: Partial<NewDetaineeInput> & { nibReportedAt?: Date | null; protectionConcern?: boolean }) {
  const row: Record<string, unknown> = {};
  if (input.familyName !== undefined) row.family_name = input.familyName;
  if (input.givenName !== undefined) row.given_name = input.givenName;
  if (input.patronymic !== undefined) row.patronymic = input.patronymic;
  if (input.birthDate !== undefined) row.birth_date = input.birthDate;
  if (input.status !== undefined) row.status = input.status;
  if (input.statusSource !== undefined) row.status_source = input.statusSource;
  if (input.statusAt !== undefined) row.status_at = input.statusAt;
  if (input.healthCategory !== undefined) row.health_category = input.healthCategory;
  if (input.possiblyDead !== undefined) row.possibly_dead = input.possiblyDead;
  if (input.facilityId !== undefined) row.facility_id = input.facilityId;
  if (input.language !== undefined) row.language = input.language;
  if (input.spokenName !== undefined) row.spoken_name = input.spokenName;
  if (input.nibReportedAt !== undefined) row.nib_reported_at = input.nibReportedAt;
  if (input.protectionConcern !== undefined) row.protection_concern = input.protectionConcern;
  return row;
}

export function createDetaineeRepository(db: Db) {
  /**
   * The contact floor, the one definition the alert and the figures share (S-08, D-03, D-04): detainees in custody
   * for whom more than their facility's contact_floor_days (DEFAULT_CONTACT_FLOOR_DAYS without a facility) have
   * passed since the latest of: the last call offered (its start passed, not cancelled), his arrival (the record's
   * creation when no arrival date is known), his last transfer and his last hospitalisation.
   */
  const belowContactFloor = (now: Date) =>
    db
      .selectFrom('detainees as d')
      .leftJoin('facilities as f', 'f.id', 'd.facility_id')
      .leftJoin(
        (eb) =>
          eb
            .selectFrom('scheduled_calls')
            .select(['detainee_id', (e) => e.fn.max('start_at').as('last')])
            .where('state', 'not in', ['pending_approval', 'cancelled'])
            .where('start_at', '<=', now)
            .groupBy('detainee_id')
            .as('c'),
        (j) => j.onRef('c.detainee_id', '=', 'd.id'),
      )
      .where('d.status', 'in', IN_CUSTODY_STATUSES)
      .where(
        sql<boolean>`greatest(c.last, coalesce(d.arrived_at, d.created_at), d.transferred_at, d.hospitalised_at) < ${now}::timestamptz - make_interval(days => coalesce(f.contact_floor_days, ${DEFAULT_CONTACT_FLOOR_DAYS}))`,
      );
  return {
    /** Inserts with a fresh random reference; retries on the (rare) collision. */
    async create(input: NewDetaineeInput): Promise<Detainee> {
      for (let attempt = 0; attempt < 5; attempt++) {
        const reference = input.reference ?? generateReference();
        const row = await db
          .insertInto('detainees')
          .values({
            ...toRow(input),
            reference,
            status: input.status,
            family_name: input.familyName,
            given_name: input.givenName,
            language: input.language ?? 'ru',
            status_at: input.statusAt ?? new Date(),
            updated_at: new Date(),
          } as never)
          .onConflict((oc) => oc.column('reference').doNothing())
          .returningAll()
          .executeTakeFirst();
        if (row) return row;
        if (input.reference) throw new Error(`reference ${input.reference} is already in use`);
      }
      throw new Error('could not allocate a unique reference after 5 attempts');
    },
    findById: (id: number) => db.selectFrom('detainees').selectAll().where('id', '=', id).executeTakeFirst(),
    findByReference: (reference: string) => db.selectFrom('detainees').selectAll().where('reference', '=', reference).executeTakeFirst(),
    /** The natural key an import uses when a row has no reference. */
    findByNaturalKey: (familyName: string, givenName: string, birthDate: string | null) =>
      db
        .selectFrom('detainees')
        .selectAll()
        .where(sql`lower(family_name)`, '=', familyName.toLowerCase())
        .where(sql`lower(given_name)`, '=', givenName.toLowerCase())
        .where((eb) => (birthDate ? eb('birth_date', '=', birthDate) : eb('birth_date', 'is', null)))
        .executeTakeFirst(),
    /** By exact reference, or by name prefix; never more than SEARCH_LIMIT rows. */
    async search(query: string, limit = SEARCH_LIMIT): Promise<Detainee[]> {
      const q = query.trim();
      if (!q) return [];
      if (/^\d{10}$/.test(q)) return db.selectFrom('detainees').selectAll().where('reference', '=', q).execute();
      const like = `${q.toLowerCase().replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
      return db
        .selectFrom('detainees')
        .selectAll()
        .where((eb) => eb.or([eb(sql`lower(family_name)`, 'like', like), eb(sql`lower(given_name)`, 'like', like)]))
        .orderBy('family_name')
        .orderBy('id')
        .limit(Math.min(limit, SEARCH_LIMIT))
        .execute();
    },
    async update(id: number, changes: DetaineeChanges): Promise<Detainee | undefined> {
      const row = toRow(changes);
      if (changes.status !== undefined && changes.statusAt === undefined) row.status_at = new Date();
      return db
        .updateTable('detainees')
        .set({ ...row, updated_at: new Date() } as never)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
    },
    async setColumns(id: number, columns: DetaineeUpdate): Promise<void> {
      await db.updateTable('detainees').set(columns).where('id', '=', id).execute();
    },
    /** The detainees with any of these references. */
    listByReferences: async (references: string[]): Promise<Detainee[]> =>
      references.length ? db.selectFrom('detainees').selectAll().where('reference', 'in', references).execute() : [],
    /** The detainees whose family name is one of `familyNames` and given name one of `givenNames`, ignoring case. */
    listByNames: async (familyNames: string[], givenNames: string[]): Promise<Detainee[]> =>
      familyNames.length && givenNames.length
        ? db
            .selectFrom('detainees')
            .selectAll()
            .where(
              sql`lower(family_name)`,
              'in',
              familyNames.map((n) => n.toLowerCase()),
            )
            .where(
              sql`lower(given_name)`,
              'in',
              givenNames.map((n) => n.toLowerCase()),
            )
            .execute()
        : [],
    /** Inserts the rows in one statement, skipping those whose reference is taken; returns the ones inserted. */
    insertMany: (rows: NewDetainee[]): Promise<Array<{ id: number; reference: string }>> =>
      db
        .insertInto('detainees')
        .values(rows)
        .onConflict((oc) => oc.column('reference').doNothing())
        .returning(['id', 'reference'])
        .execute(),
    /** What a status query needs about a reference, in one statement whether or not it exists (C-05). */
    statusFacts: (reference: string): Promise<StatusFacts> => selectStatusFacts(db, reference),
    /** Below the contact floor with no open contact_floor task yet: the ones to alert about (at most `limit`). */
    belowContactFloorUnalerted: (now: Date, limit: number) =>
      belowContactFloor(now)
        .select(['d.id', 'd.language'])
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('tasks as t')
                .select('t.id')
                .whereRef('t.detainee_id', '=', 'd.id')
                .where('t.kind', '=', 'contact_floor')
                .where('t.status', '!=', 'done'),
            ),
          ),
        )
        .limit(limit)
        .execute(),
    /** How many detainees are below the contact floor now (today's figures). */
    countBelowContactFloor: async (now: Date) =>
      Number(
        (
          await belowContactFloor(now)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
    count: async () =>
      Number(
        (
          await db
            .selectFrom('detainees')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      ),
  };
}

export type DetaineeRepository = ReturnType<typeof createDetaineeRepository>;
