import type { Db } from '../database.js';
import type { Facility } from '../schema.js';

export interface FacilityInput {
  name: string;
  timeZone?: string;
  callHoursStart?: string;
  callHoursEnd?: string;
  defaultLine?: string | null;
}

export function createFacilityRepository(db: Db) {
  return {
    /** Idempotent by name: an import or the demo can call it for every row. */
    async upsert(f: FacilityInput): Promise<Facility> {
      const existing = await db.selectFrom('facilities').selectAll().where('name', '=', f.name).executeTakeFirst();
      if (existing) return existing;
      return db
        .insertInto('facilities')
        .values({
          name: f.name,
          time_zone: f.timeZone ?? 'Europe/Kyiv',
          call_hours_start: f.callHoursStart ?? '09:00',
          call_hours_end: f.callHoursEnd ?? '18:00',
          default_line: f.defaultLine ?? null,
        })
        .onConflict((oc) => oc.column('name').doUpdateSet({ name: f.name }))
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    findById: (id: number) => db.selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirst(),
    list: () => db.selectFrom('facilities').selectAll().orderBy('name').execute(),
  };
}

export type FacilityRepository = ReturnType<typeof createFacilityRepository>;
