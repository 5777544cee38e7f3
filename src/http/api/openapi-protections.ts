import { FLAG_REASONS } from '../../records/caller-flags.js';
import { CANCEL_REASONS } from '../../calls/reason-codes.js';
import { LANGUAGES } from '../../storage/schema.js';
import { CONCERNS } from '../../records/protection-concern.js';
import type { OperationDoc } from './openapi-spec.js';

const day = { type: ['string', 'null'], description: 'YYYY-MM-DD or an ISO instant; null or empty clears it' };
const body = (properties: Record<string, unknown>, required: string[]) => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

export const ACKNOWLEDGED = { type: 'boolean', description: 'needed for an exchange step when a protection concern is recorded (D-10)' };
const oneOf = (values: readonly string[]) => ({ type: 'string', enum: [...values] });

/** The protections' part of the OpenAPI document (openapi-spec.ts spreads it in). */
export const PROTECTION_DOCS: Record<string, OperationDoc> = {
  'POST /api/detainees/:id/call-requests': {
    summary:
      "Request a call for one of the detainee's contacts (console form as JSON); policy refusals name their rule. source 'detainee' marks his own request (D-04).",
    body: body(
      {
        contactId: { type: 'integer' },
        earliest: { type: 'string', format: 'date-time' },
        maxMinutes: { type: 'integer' },
        language: oneOf(LANGUAGES),
        source: oneOf(['operator', 'detainee']),
      },
      ['contactId', 'earliest'],
    ),
  },
  'POST /api/calls/:id/cancel': {
    summary: 'Cancel a scheduled call with a reason code (O-07), kept for both sides.',
    body: body({ reason: oneOf(CANCEL_REASONS), protectionAcknowledged: ACKNOWLEDGED }, ['reason']),
  },
  'GET /api/caller-desk': {
    summary:
      'The caller desk (O-03): ?reference= (10 digits) gives status and health categories, contacts with masked numbers and call-request state; never facility, lines or full numbers. Audited.',
  },
  'POST /api/caller-flags': {
    summary: 'Flag a caller number as suspected fraud or probing (O-06); it goes to supervisors as a restricted task.',
    body: body({ number: { type: 'string' }, reason: { type: 'string', enum: [...FLAG_REASONS] } }, ['number', 'reason']),
  },
  'GET /api/caller-flags': { summary: 'Caller flags, pending first, numbers masked (supervisors, S-05). Audited.' },
  'POST /api/caller-flags/:id/decide': {
    summary: "Confirm (blocks the number's status lookups: they hear the negative answer, C-05) or reject a flag, with a note (O-06).",
    body: body({ decision: { type: 'string', enum: ['confirm', 'reject'] }, note: { type: 'string', minLength: 3, maxLength: 300 } }, [
      'decision',
      'note',
    ]),
  },
  'POST /api/detainees/:id/protection': {
    summary:
      'Record a fear of reprisal on exchange or repatriation (D-10): a restricted task for supervisors holds the words; the record carries only the flag.',
    body: body({ concern: { type: 'string', enum: [...CONCERNS] }, statement: { type: 'string', maxLength: 1000 } }, ['concern']),
  },
  'POST /api/detainees/:id/protection/clear': {
    summary: 'Lift the protection flag once the case is settled (supervisors; the task keeps the words).',
  },
  'PUT /api/detainees/:id/custody-dates': {
    summary:
      'The NIB report date (D-02) and the dates the contact floor restarts from: arrival, last transfer, last hospitalisation (D-03).',
    body: body({ nibReportedAt: day, arrivedAt: day, transferredAt: day, hospitalisedAt: day }, []),
  },
};
