import { z } from 'zod';

// O-07: reasons are structured codes, never free text, because free text leaks. They go to both sides.
export const DENY_REASONS = [
  'not_nominated',
  'consent_missing',
  'security_assessment',
  'facility_unavailable',
  'duplicate_request',
  'quota_reached',
  'other',
] as const;
export const APPROVE_REASONS = ['approved', 'approved_first_contact', 'approved_after_transfer'] as const;
export const CANCEL_REASONS = [
  'detainee_request',
  'contact_request',
  'facility_unavailable',
  'transfer',
  'released',
  'security_incident',
  'rescheduled',
  'other',
] as const;
/** S-03: ending a call needs a reason and never blocks the family's number. */
export const END_REASONS = [
  'time_exceeded',
  'rules_breached',
  'technical_problem',
  'detainee_request',
  'contact_request',
  'security_incident',
  'other',
] as const;

export const denyReason = z.enum(DENY_REASONS);
export const approveReason = z.enum(APPROVE_REASONS);
export const cancelReason = z.enum(CANCEL_REASONS);
export const endReason = z.enum(END_REASONS);
