import { APPROVE_REASONS, DENY_REASONS, END_REASONS } from '../../calls/reason-codes.js';
import {
  CONSENT_SCOPES,
  DETAINEE_STATUSES,
  ENQUIRY_STATUSES,
  HEALTH_CATEGORIES,
  LANGUAGES,
  REVIEW_DECISIONS,
  ROLES,
} from '../../storage/schema.js';
import { CONSOLE_LANGUAGES } from '../../accounts/users.js';
import { API_SCOPES } from '../../accounts/scopes.js';
import { DESK_OPERATION_DOCS } from './desk-openapi.js';
import { TASK_CALL_DOCS } from './openapi-task-calls.js';
import { RIGHTS_DOCS } from './openapi-rights.js';
import { ACKNOWLEDGED, PROTECTION_DOCS } from './openapi-protections.js';

/** Hand-written request bodies and summaries for the OpenAPI document; paths and roles come from the route table. */
type Schema = Record<string, unknown>;
const str = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const oneOf = (values: readonly string[]) => ({ type: 'string', enum: [...values] });
const lang = oneOf(LANGUAGES);
const spoken = { type: ['string', 'null'], description: 'D-11: the name in Cyrillic, for a ru/uk voice; empty or null clears it' };
const TIME_ZONE = { type: ['string', 'null'], description: 'an IANA time zone such as Europe/Kyiv; null or empty: OPERATOR_TIME_ZONE' };
const obj = (properties: Record<string, Schema>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

export interface OperationDoc {
  summary: string;
  body?: Schema;
  /** The body's media type when it is not JSON. */
  bodyType?: string;
}

const detainee = obj(
  {
    familyName: str,
    givenName: str,
    patronymic: str,
    birthDate: { type: 'string', format: 'date' },
    status: oneOf(DETAINEE_STATUSES),
    statusSource: str,
    healthCategory: oneOf(HEALTH_CATEGORIES),
    possiblyDead: bool,
    facilityId: int,
    language: lang,
    spokenName: spoken,
  },
  ['familyName', 'givenName', 'status'],
);
const contact = obj(
  {
    name: str,
    relationship: str,
    phone: { type: 'string', description: 'any format; stored as E.164' },
    timeZone: str,
    language: lang,
    spokenName: spoken,
    blocked: bool,
    nominated: bool,
    callsStopped: bool,
  },
  ['name', 'relationship', 'phone'],
);
const facility = (required: string[]) =>
  obj(
    {
      name: str,
      timeZone: { type: 'string', description: 'IANA zone, e.g. Europe/Kyiv' },
      callHours: { type: 'string', description: 'e.g. "mon-fri 09:00-18:00; sat 10:00-14:00"; a day not named has no calls' },
      maxCallMinutes: { type: 'integer', minimum: 1, maximum: 240 },
      weeklyCallQuota: { type: 'integer', minimum: 1, maximum: 100 },
      contactFloorDays: { type: 'integer', minimum: 1, maximum: 365 },
      defaultLine: { type: ['string', 'null'], description: 'E.164; becomes one of the lines' },
    },
    required,
  );
const reason = (codes: readonly string[]) => ({ ...oneOf(codes), description: 'a structured reason code, kept for both sides (O-07)' });

/** Keyed by "METHOD /path" with Express-style parameters. */
export const OPERATION_DOCS: Record<string, OperationDoc> = {
  ...DESK_OPERATION_DOCS,
  'GET /api/detainees': {
    summary: 'Search by exact reference or name prefix (?q=). At most 50 results, no paging: there is no bulk export (A-09). Audited.',
  },
  'POST /api/detainees': { summary: 'Create a detainee; the reference number is generated (C-04).', body: detainee },
  'GET /api/detainees/:id': { summary: 'One detainee with contacts and current consent. Every view is an audit entry (S-06).' },
  'PATCH /api/detainees/:id': {
    summary: 'Edit a detainee. Releasing one with a protection concern needs protectionAcknowledged (else 409, D-10).',
    body: { ...detainee, properties: { ...(detainee.properties as Schema), protectionAcknowledged: ACKNOWLEDGED }, required: [] },
  },
  'POST /api/detainees/:id/contacts': {
    summary: 'Add a contact; the phone is normalised to E.164 or refused with the reason.',
    body: contact,
  },
  'GET /api/contacts/:id': { summary: 'One contact with current consent. Audited.' },
  'PATCH /api/contacts/:id': { summary: 'Edit a contact.', body: { ...contact, required: [] } },
  'GET /api/contacts/:id/consent': { summary: 'The consent ledger: current state and every entry (D-01).' },
  'POST /api/contacts/:id/consent': {
    summary: 'Append a grant or revocation (never edits).',
    body: obj({ scope: oneOf(CONSENT_SCOPES), granted: bool, language: lang, witness: str, prompt: str }, [
      'scope',
      'granted',
      'language',
      'witness',
    ]),
  },
  'PUT /api/contacts/:id/secret': {
    summary: "Set the contact's secret on the detainee's behalf (4-8 digits, or random when omitted). The digits are returned once.",
    body: obj({ secret: { type: 'string', pattern: '^[0-9]{4,8}$' } }),
  },
  'GET /api/enquiries': { summary: 'Open enquiries (at most 50). Audited.' },
  'PATCH /api/enquiries/:id': {
    summary: "Set an enquiry's status and notes.",
    body: obj({ status: oneOf(ENQUIRY_STATUSES), notes: str }, ['status']),
  },
  'GET /api/enquiries/:id/recording': { summary: 'The name the caller recorded, fetched from the carrier. Every play is audited (S-06).' },
  'GET /api/messages': { summary: 'Messages waiting for review, late ones flagged (S-04).' },
  'POST /api/messages/:id/review': {
    summary: 'Approve, reject (reason required) or mark delivered.',
    body: obj({ decision: oneOf(REVIEW_DECISIONS), reason: str }, ['decision']),
  },
  'GET /api/messages/:id/recording': { summary: "The recording's audio, fetched from the carrier. Every play is audited (S-06)." },
  'GET /api/tasks': { summary: 'Open tasks; restricted ones (bad news, protection, fraud) only for supervisors and admins (S-05).' },
  'POST /api/tasks/:id/close': { summary: 'Close a task.' },
  'POST /api/tasks/:id/lift': {
    summary: "Lift the suspension of a reference's automated answers once a person verified the family (C-12, O-05).",
  },
  'GET /api/audit': { summary: 'Audit, newest first (?before, limit<=500, scope, actor, subjectType, subjectId, action, from, until).' },
  'GET /api/audit/verify': { summary: 'Verify the hash chain of the audit log.' },
  'GET /api/me': { summary: 'Who is asking: username, role, console language and the time zone times are shown in.' },
  'GET /api/users': { summary: 'Users (never password hashes).' },
  'POST /api/users': {
    summary: 'Create a user.',
    body: obj(
      {
        username: str,
        password: { type: 'string', minLength: 12 },
        role: oneOf(ROLES),
        displayName: str,
        language: oneOf(CONSOLE_LANGUAGES),
        timeZone: TIME_ZONE,
        phone: { type: 'string', description: 'where a supervisor listens in; offered by the approve form' },
      },
      ['username', 'password', 'role'],
    ),
  },
  'PATCH /api/users/:id': {
    summary:
      "Change a user's settings: display name, phone (the supervisor's monitor phone; '' clears it), the zone the console shows times in. Audited.",
    body: obj({ displayName: str, phone: { type: ['string', 'null'] }, timeZone: TIME_ZONE }, []),
  },
  'POST /api/users/:id/disable': { summary: 'Disable a user: sessions end and tokens stop working.' },
  'POST /api/users/:id/enable': { summary: 'Enable a user.' },
  'GET /api/tokens': { summary: 'Your API tokens (admins: ?userId=).' },
  'POST /api/tokens': {
    summary: 'Create an API token; the value is returned once. Scopes limit it further than the role.',
    body: obj({ name: str, scopes: { type: 'array', items: oneOf(API_SCOPES) }, userId: int }, ['name']),
  },
  'DELETE /api/tokens/:id': { summary: 'Revoke a token; it stops working at once.' },
  'GET /api/queue': { summary: "The supervisor's queue: pending requests and calls by state (?state=&language=)." },
  'GET /api/figures/today': {
    summary:
      "Today's figures: calls, answer rate, average duration, backlog, time to callback, logins slowed down after failures (lockouts), detainees below the contact floor; the desk's callers waiting, longest wait, service level (answered within 60 s), abandoned in queue, average wait, callbacks due and overdue, calls per operator.",
  },
  // The operator desk (O-05): the desk rings an available operator by itself; take-next asks for it now.
  'POST /api/desk/take-next': {
    summary:
      'Ring me now for the caller waiting longest: {state: "ringing"}. 409 when I am not available (desk_not_available), nobody waits (desk_nobody_waiting) or the desk is busy (desk_busy); nothing changes then.',
  },
  'GET /api/openapi.json': { summary: 'This document.' },
  // Facility administration; callHours is the text format, e.g. "mon-fri 09:00-18:00; sat 10:00-14:00" (README).
  'GET /api/facilities': { summary: 'Every facility with its call hours per weekday, limits and lines: {facilities: Facility[]}.' },
  'GET /api/facilities/:id': { summary: 'One facility: {id, name, timeZone, callHours, callHoursByDay, limits, defaultLine, lines}.' },
  'POST /api/facilities': {
    summary: 'Create a facility. Defaults: Europe/Kyiv, mon-sun 09:00-18:00, 20 minutes, 3 calls a week, floor 7 days. Audited.',
    body: facility(['name']),
  },
  'PATCH /api/facilities/:id': { summary: 'Change only the fields given; audited with the names of the fields.', body: facility([]) },
  'POST /api/facilities/:id/lines': {
    summary: "Add a line (E.164) where the detainee takes calls; the facility's first line becomes its default line. Audited.",
    body: obj({ phone: { type: 'string', pattern: '^\\+[1-9][0-9]{6,14}$' }, label: str }, ['phone']),
  },
  'DELETE /api/facilities/:id/lines/:lineId': { summary: 'Remove a line; calls scheduled on it are refused when dialled. Audited.' },
  'POST /api/imports': {
    summary:
      'Import a CSV of detainees and contacts (columns: README; at most 10 MB) like `kinline import`: {imported, unchanged, rejected: [{line, reason}], warnings}.',
    body: { type: 'string', description: 'the CSV file' },
    bodyType: 'text/csv',
  },
  // The supervised calls' routes.
  'POST /api/call-requests': {
    summary: 'Request a supervised call (D-04, O-01).',
    body: obj(
      {
        detaineeReference: { type: 'string', pattern: '^[0-9]{10}$' },
        contactPhone: str,
        earliest: { type: 'string', format: 'date-time' },
        maxMinutes: int,
        language: lang,
      },
      ['detaineeReference', 'contactPhone', 'earliest'],
    ),
  },
  'POST /api/call-requests/:id/approve': {
    summary: 'Approve and schedule a call request (S-01); the reason is kept for both sides.',
    body: obj(
      {
        startAt: { type: 'string', format: 'date-time' },
        facilityLine: str,
        supervisorPhone: str,
        reason: reason(APPROVE_REASONS),
        maxMinutes: int,
        interpreter: bool,
      },
      ['startAt', 'facilityLine', 'supervisorPhone'],
    ),
  },
  'POST /api/call-requests/:id/deny': {
    summary: 'Deny a call request with a reason code (S-01, O-07).',
    body: obj({ reason: reason(DENY_REASONS) }, ['reason']),
  },
  'GET /api/calls': { summary: 'Calls by state (?state=a,b&limit<=100); numbers masked, no personal-data export (A-09).' },
  'GET /api/calls/:id': { summary: 'A call: state, attempts and the timeline of events.' },
  'POST /api/calls/reconcile': {
    summary: 'Re-create dial jobs missing from Redis and remove those of cancelled calls; the database is the truth (TW-33).',
  },
  'POST /api/demo': {
    summary: 'Seed the demo data set (idempotent) and return its references, secrets, logins and tokens. Refused in production.',
  },
  'POST /api/calls/:id/barge': { summary: 'Unmute the supervisor (who joined muted) in a live call (S-03).' },
  'POST /api/calls/:id/end': {
    summary: "End a live call with a reason; never blocks the family's number (S-03).",
    body: obj({ reason: reason(END_REASONS) }, ['reason']),
  },
  // Calling families back from tasks.
  ...TASK_CALL_DOCS,
  ...RIGHTS_DOCS,
  ...PROTECTION_DOCS,
};
