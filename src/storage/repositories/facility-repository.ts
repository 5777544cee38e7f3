import type { Db } from '../database.js';
import type { Facility, FacilityCallHours } from '../schema.js';

/** One weekday's window of a facility (ISO weekday, 1 = Monday). */
export type CallHoursRow = Pick<FacilityCallHours, 'weekday' | 'starts' | 'ends'>;

export interface FacilityInput {
  name: string;
  timeZone?: string;
  /** One window for every day; start = end means the whole day. Ignored when `callHours` is given. */
  callHoursStart?: string;
  callHoursEnd?: string;
  callHours?: CallHoursRow[];
  defaultLine?: string | null;
}

export interface FacilityChanges {
  name?: string;
  time_zone?: string;
  default_line?: string | null;
  weekly_call_quota?: number;
  contact_floor_days?: number;
  max_call_minutes?: number;
}

function rowsOf(f: FacilityInput): CallHoursRow[] {
  if (f.callHours) return f.callHours;
  const start = f.callHoursStart ?? '09:00';
  const end = f.callHoursEnd ?? '18:00';
  const whole = start === end;
  return [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, starts: whole ? '00:00' : start, ends: whole ? '24:00' : end }));
}

export function createFacilityRepository(db: Db) {
  const setCallHours = async (facilityId: number, rows: readonly CallHoursRow[]): Promise<void> => {
    await db.deleteFrom('facility_call_hours').where('facility_id', '=', facilityId).execute();
    if (rows.length)
      await db
        .insertInto('facility_call_hours')
        .values(rows.map((r) => ({ ...r, facility_id: facilityId })))
        .execute();
  };
  return {
    /** Idempotent by name: an import or the demo can call it for every row. */
    async upsert(f: FacilityInput): Promise<Facility> {
      const existing = await db.selectFrom('facilities').selectAll().where('name', '=', f.name).executeTakeFirst();
      if (existing) return existing;
      const created = await db
        .insertInto('facilities')
        .values({ name: f.name, time_zone: f.timeZone ?? 'Europe/Kyiv', default_line: f.defaultLine ?? null })
        .onConflict((oc) => oc.column('name').doUpdateSet({ name: f.name }))
        .returningAll()
        .executeTakeFirstOrThrow();
      await setCallHours(created.id, rowsOf(f));
      return created;
    },
    /** A new facility with its hours; the caller has checked the name is free. */
    async create(f: FacilityChanges & { name: string; time_zone: string }, hours: readonly CallHoursRow[]): Promise<Facility> {
      const created = await db.insertInto('facilities').values(f).returningAll().executeTakeFirstOrThrow();
      await setCallHours(created.id, hours);
      return created;
    },
    update: (id: number, changes: FacilityChanges) =>
      Object.keys(changes).length
        ? db.updateTable('facilities').set(changes).where('id', '=', id).returningAll().executeTakeFirst()
        : db.selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirst(),
    setCallHours,
    callHours: (facilityId: number): Promise<CallHoursRow[]> =>
      db
        .selectFrom('facility_call_hours')
        .select(['weekday', 'starts', 'ends'])
        .where('facility_id', '=', facilityId)
        .orderBy('weekday')
        .execute(),
    findById: (id: number) => db.selectFrom('facilities').selectAll().where('id', '=', id).executeTakeFirst(),
    findByName: (name: string) => db.selectFrom('facilities').selectAll().where('name', '=', name).executeTakeFirst(),
    list: () => db.selectFrom('facilities').selectAll().orderBy('name').execute(),
  };
}

export type FacilityRepository = ReturnType<typeof createFacilityRepository>;
