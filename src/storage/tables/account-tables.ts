import type { Generated } from 'kysely';
import type { Timestamp, CreatedAt, Json, Role } from './column-types.js';

// Staff accounts, API tokens and the hash-chained audit log (S-06).

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string | null;
  password_hash: string;
  role: Role;
  language: Generated<string>;
  /** IANA zone the console shows times in; null: OPERATOR_TIME_ZONE. */
  time_zone: string | null;
  disabled: Generated<boolean>;
  created_at: CreatedAt;
  /** E.164: where this supervisor listens in on a call, offered by the approve form (migration 007). */
  phone: string | null;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  scopes: string; // space-separated
  created_at: CreatedAt;
  revoked_at: Timestamp | null;
  last_used_at: Timestamp | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  seq: number;
  at: Timestamp;
  actor: string;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: Json;
  prev_hash: string;
  hash: string;
}

/** One row: the chain's head, so deleting the newest entries is detected too. */
export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}
