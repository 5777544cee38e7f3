import { BAD_NEWS_CHECKLIST, CHECKLIST_MARKS, OPERATOR_OUTCOMES } from '../../desk/task-call-outcomes.js';
import type { OperationDoc } from './openapi-spec.js';

/** The task-call routes' part of the OpenAPI document (openapi-spec.ts spreads it in). */
export const TASK_CALL_DOCS: Record<string, OperationDoc> = {
  'POST /api/tasks/:id/call': {
    summary:
      "Call now (C-07): rings the caller's own desk phone, then on 1 dials the family with the hotline number. Needs presence available at the desk (409 not_on_duty); restricted tasks (bad news) only for supervisors and admins (403); one call per task at a time (409 call_in_progress). 202 with the attempt.",
  },
  'POST /api/tasks/:id/outcome': {
    summary:
      'The wrap-up of an answered call, by the operator who made it (403 otherwise). A bad-news call is "delivered" only with every O-04 checklist item ticked (done) or skipped for a listed reason (400 checklist_incomplete names the items; nothing saved). asked_not_to_call closes the task.',
    body: {
      type: 'object',
      properties: {
        outcome: { type: 'string', enum: [...OPERATOR_OUTCOMES] },
        checklist: {
          type: 'object',
          properties: Object.fromEntries(BAD_NEWS_CHECKLIST.map((i) => [i, { type: 'string', enum: [...CHECKLIST_MARKS, ''] }])),
          additionalProperties: false,
        },
      },
      required: ['outcome'],
      additionalProperties: false,
    },
  },
};
