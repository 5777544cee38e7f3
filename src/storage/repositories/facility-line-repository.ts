import type { Db } from '../database.js';
import type { FacilityLine } from '../schema.js';

/** Phones at a facility where a detainee can take a supervised call. */
export function createFacilityLineRepository(db: Db) {
  return {
    add: (facilityId: number, phone: string, label: string | null = null): Promise<FacilityLine> =>
      db
        .insertInto('facility_lines')
        .values({ facility_id: facilityId, phone, label })
        .onConflict((oc) => oc.columns(['facility_id', 'phone']).doUpdateSet({ label }))
        .returningAll()
        .executeTakeFirstOrThrow(),
    findById: (id: number) => db.selectFrom('facility_lines').selectAll().where('id', '=', id).executeTakeFirst(),
    /** Removes the line; undefined when the facility has no line with this id. */
    remove: (facilityId: number, lineId: number) =>
      db.deleteFrom('facility_lines').where('id', '=', lineId).where('facility_id', '=', facilityId).returningAll().executeTakeFirst(),
    listByFacility: (facilityId: number) =>
      db.selectFrom('facility_lines').selectAll().where('facility_id', '=', facilityId).orderBy('id').execute(),
    /** True when the phone is a line of the facility (its default line counts too). */
    async isLineOf(facilityId: number, phone: string): Promise<boolean> {
      const f = await db.selectFrom('facilities').select('default_line').where('id', '=', facilityId).executeTakeFirst();
      if (f?.default_line === phone) return true;
      const row = await db
        .selectFrom('facility_lines')
        .select('id')
        .where('facility_id', '=', facilityId)
        .where('phone', '=', phone)
        .executeTakeFirst();
      return !!row;
    },
    /** A-08 knobs: quota, contact floor, maximum duration. */
    setParameters: (facilityId: number, p: { weeklyCallQuota?: number; contactFloorDays?: number; maxCallMinutes?: number }) =>
      db
        .updateTable('facilities')
        .set({
          ...(p.weeklyCallQuota !== undefined ? { weekly_call_quota: p.weeklyCallQuota } : {}),
          ...(p.contactFloorDays !== undefined ? { contact_floor_days: p.contactFloorDays } : {}),
          ...(p.maxCallMinutes !== undefined ? { max_call_minutes: p.maxCallMinutes } : {}),
        })
        .where('id', '=', facilityId)
        .returningAll()
        .executeTakeFirst(),
  };
}

export type FacilityLineRepository = ReturnType<typeof createFacilityLineRepository>;
