/**
 * English names of the reason codes (src/calls/reason-codes.ts) as the console shows them (spread into i18n-en.ts).
 * Every code of every reason list has one; test/unit/reason-select.test.ts checks it.
 */
export const codesEn = {
  reason_not_nominated: 'Contact not nominated',
  reason_consent_missing: 'No consent',
  reason_security_assessment: 'Security assessment',
  reason_facility_unavailable: 'Facility unavailable',
  reason_duplicate_request: 'Duplicate request',
  reason_quota_reached: 'Call limit reached',
  reason_other: 'Other reason',
  reason_approved: 'Approved',
  reason_approved_first_contact: 'Approved: first contact',
  reason_approved_after_transfer: 'Approved after a transfer',
  reason_detainee_request: "At the detainee's request",
  reason_contact_request: "At the relative's request",
  reason_transfer: 'Transfer',
  reason_released: 'Released',
  reason_security_incident: 'Security incident',
  reason_rescheduled: 'Rescheduled',
  reason_time_exceeded: 'Time exceeded',
  reason_rules_breached: 'Rules breached',
  reason_technical_problem: 'Technical problem',
  confirmEndCall: 'Yes, end the call for everyone',
};
