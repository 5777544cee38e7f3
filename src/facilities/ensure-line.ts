import type { TransactionRepositories } from '../storage/repositories/index.js';

/** Adds the phone to the facility's lines unless it is one already (a label given before is kept). */
export async function ensureLine(trx: TransactionRepositories, facilityId: number, phone: string): Promise<void> {
  const lines = await trx.facilityLines.listByFacility(facilityId);
  if (!lines.some((l) => l.phone === phone)) await trx.facilityLines.add(facilityId, phone, null);
}
