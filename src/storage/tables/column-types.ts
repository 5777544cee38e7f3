import type { ColumnType } from 'kysely';

// Column types and the value sets stored in them, shared by every table (src/storage/schema.ts re-exports them).

export type Timestamp = ColumnType<Date, Date | string, Date | string>;
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type Json = ColumnType<Record<string, unknown>, string | Record<string, unknown>, string | Record<string, unknown>>;

export const DETAINEE_STATUSES = ['held', 'hospitalised', 'deceased', 'released', 'transferred', 'unknown'] as const;
export type DetaineeStatus = (typeof DETAINEE_STATUSES)[number];
/** In custody: the statuses whose detainees are owed family contact (D-03, the contact floor S-08). */
export const IN_CUSTODY_STATUSES = ['held', 'hospitalised', 'transferred'] as const satisfies readonly DetaineeStatus[];
/** General health categories. `serious` and `critical` are never spoken by the IVR (C-07). */
export const HEALTH_CATEGORIES = ['good', 'fair', 'under_treatment', 'serious', 'critical'] as const;
export type HealthCategory = (typeof HEALTH_CATEGORIES)[number];
/** The categories the IVR may speak (C-07). */
export const SPEAKABLE_HEALTH_CATEGORIES = ['good', 'fair', 'under_treatment'] as const satisfies readonly HealthCategory[];
export const LANGUAGES = ['ru', 'uk', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/** What a contact may learn or receive (D-01). */
export const CONSENT_SCOPES = ['held', 'health', 'messages', 'calls'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];
export { ROLES, type Role } from '../../shared/roles.js';
export const ENQUIRY_STATUSES = ['open', 'in_progress', 'closed'] as const;
export type EnquiryStatus = (typeof ENQUIRY_STATUSES)[number];
/** A message waits for review, then carries the reviewer's decision (C-08). */
export const REVIEW_DECISIONS = ['approved', 'rejected', 'delivered'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const CALL_REQUEST_SOURCES = ['hotline', 'detainee', 'operator'] as const;
export type CallRequestSource = (typeof CALL_REQUEST_SOURCES)[number];
