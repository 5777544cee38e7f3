import type { Generated } from 'kysely';
import type { Timestamp, CreatedAt } from './column-types.js';

/**
 * An operator's flag on a caller number (O-06), decided by a supervisor: `status` pending, confirmed (the
 * number's lookups are blocked) or rejected. `caller_key` is the keyed hash the lookup limits use, never the
 * number (C-13); `masked_number` shows its country code and last two digits only.
 */
export interface CallerFlagTable {
  id: Generated<number>;
  caller_key: string;
  masked_number: string;
  reason: string; // FLAG_REASONS
  status: Generated<string>;
  flagged_by: string;
  task_id: number | null;
  decided_by: string | null;
  decided_at: Timestamp | null;
  decision_note: string | null;
  created_at: CreatedAt;
}
