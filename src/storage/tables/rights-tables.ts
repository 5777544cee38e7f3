import type { Generated } from 'kysely';
import type { Timestamp, CreatedAt } from './column-types.js';

// Notices read to a detainee, and the recordings of supervised calls (migration 015).

/** A denial or cancellation the detainee's facility staff read to him (O-07, S-01): a code, never free text. */
export interface DetaineeNoticeTable {
  id: Generated<number>;
  detainee_id: number;
  kind: 'call_denied' | 'call_cancelled';
  reason_code: string;
  call_request_id: number | null;
  call_id: string | null;
  created_at: CreatedAt;
  read_at: Timestamp | null;
  read_by: string | null;
}

/** A supervised call's recording at the carrier: its SID only; the media stays at the carrier until it expires. */
export interface CallRecordingTable {
  recording_sid: string;
  call_id: string;
  attempt_no: number;
  conference_sid: string | null;
  duration_seconds: number | null;
  created_at: CreatedAt;
}
