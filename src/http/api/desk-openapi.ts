import { FOLLOW_UP_WINDOWS, WRAP_UP_NOTE_MAX, WRAP_UP_OUTCOMES } from '../../desk/wrap-up-outcomes.js';

/** The desk's operations for the OpenAPI document (spread into OPERATION_DOCS). */
export const DESK_OPERATION_DOCS = {
  'GET /api/desk': {
    summary:
      "My desk: my state ({state, since, phone, notice} or null when off duty), the callers waiting or connected (numbers masked, except my connected caller's), and my connected caller ({callSid, phone, language, flags, verified, detaineeId only when the secret matched}). Refreshes my presence.",
  },
  'POST /api/desk/on-duty': {
    summary:
      'Go on duty and be available, rung on `phone` (checked with libphonenumber; without a country code read as Ukrainian; omitted: my saved phone). Refused while on a call. Audited without the number.',
    body: {
      type: 'object',
      properties: { phone: { type: 'string', description: 'desk line or mobile, e.g. +380441234567' } },
      additionalProperties: false,
    },
  },
  'POST /api/desk/off-duty': { summary: 'Go off duty: no longer rung. Refused while connected to a caller (wrap up first). Audited.' },
  'POST /api/desk/available': {
    summary: "Available again after the desk set me unavailable (a rung call not answered: notice 'no_answer'). Audited.",
  },
  'POST /api/desk/wrap-up': {
    summary:
      "End my connected call: outcome, a note that must not say how a detainee was captured or where he is held (D-08), and an optional follow-up task in the family's window. Only the connected operator may (else 403, nothing changes); then I am available and the caller leaves the desk. Audited without the note.",
    body: {
      type: 'object',
      properties: {
        callSid: { type: 'string' },
        outcome: { type: 'string', enum: [...WRAP_UP_OUTCOMES] },
        note: { type: 'string', maxLength: WRAP_UP_NOTE_MAX },
        followUp: {
          type: 'object',
          properties: { window: { type: 'string', enum: [...FOLLOW_UP_WINDOWS] }, summary: { type: 'string', maxLength: 200 } },
          required: ['window'],
          additionalProperties: false,
        },
      },
      required: ['callSid', 'outcome'],
      additionalProperties: false,
    },
  },
};
