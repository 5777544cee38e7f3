import type { Generated } from 'kysely';
import type { CreatedAt } from './column-types.js';

// The operator desk's records (the live desk itself is in Redis).

export interface DeskWrapUpTable {
  id: Generated<number>;
  operator_user_id: number;
  operator_username: string;
  call_sid: string;
  outcome: string; // WRAP_UP_OUTCOMES in src/desk/wrap-up-outcomes.ts
  note: string | null;
  queue_time_seconds: number | null;
  follow_up_task_id: number | null;
  created_at: CreatedAt;
}
