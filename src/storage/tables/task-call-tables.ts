import type { Generated } from 'kysely';
import type { Timestamp, CreatedAt, Json } from './column-types.js';

/**
 * One attempt to call a family back from a task (C-07): the operator is rung first, then the family is dialled
 * into the conference task-<task>-<attempt>. `stage`: ringing_operator, dialling_family, connected, ended.
 * `checklist` holds the O-04 items of a bad-news call as ticked or a structured skip reason (O-07).
 */
export interface TaskCallTable {
  id: Generated<number>;
  task_id: number;
  attempt_no: number;
  operator: string;
  operator_user_id: number;
  language: Generated<string>;
  stage: Generated<string>;
  operator_call_sid: string | null;
  family_call_sid: string | null;
  outcome: string | null;
  checklist: Json | null;
  started_at: CreatedAt;
  answered_at: Timestamp | null;
  ended_at: Timestamp | null;
}
