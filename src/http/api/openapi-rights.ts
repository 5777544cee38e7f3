import type { OperationDoc } from './openapi-spec.js';

/** The notices', recordings' and deletion routes' part of the OpenAPI document (openapi-spec.ts spreads it in). */
export const RIGHTS_DOCS: Record<string, OperationDoc> = {
  'GET /api/notices': {
    summary:
      "Unread notices for a facility's staff to read to detainees (O-07, S-01): a denied or cancelled call's reason code and its text in the detainee's language. ?facilityId= narrows to one facility (`none`: detainees without one).",
  },
  'POST /api/notices/:id/read': { summary: 'Marks a notice read to the detainee, once (409 after). Audited.' },
  'GET /api/recordings': {
    summary: 'Recordings of supervised calls still kept, with when each expires (RETENTION_RECORDING_DAYS); supervisors only (A-01).',
  },
  'GET /api/recordings/:sid/media': { summary: "A recording's media, fetched from the carrier. Every play is an audit entry (S-06)." },
  'POST /api/contacts/:id/erase': {
    summary:
      "Deletes a relative's data on their request (C-11): name, number, secret, enquiries, callback tasks, call-log entries and Redis keys tied to the number. Supervisors only; needs confirm=true; cannot be undone (409 when already done). The detainee's record is kept.",
    body: { type: 'object', properties: { confirm: { type: 'boolean', const: true } }, required: ['confirm'], additionalProperties: false },
  },
};
