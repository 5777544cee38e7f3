import { Router, type Request } from 'express';
import type { AppContext } from '../../app-context.js';
import { ANY_STAFF } from '../../http/auth/guard.js';
import { notFound } from '../../shared/errors.js';
import { pageContext } from '../page-context.js';
import { callTask } from '../../desk/call-task.js';
import { recordTaskCallOutcome } from '../../desk/record-task-call-outcome.js';
import { taskCallView } from '../../desk/task-call-view.js';
import { BAD_NEWS_CHECKLIST } from '../../desk/task-call-outcomes.js';
import { taskCallPage } from '../pages/task-call-page.js';
import { consoleRoute } from './console-route.js';

const id = (req: Request) => {
  const n = Number(req.params.id);
  if (!Number.isInteger(n) || n <= 0) throw notFound('the task');
  return n;
};

/** The wrap-up form's fields as the use case takes them: `checklist[item]` selects become one object. */
const outcomeOf = (body: Record<string, unknown>) => ({
  outcome: body.outcome,
  checklist: Object.fromEntries(BAD_NEWS_CHECKLIST.filter((i) => `checklist[${i}]` in body).map((i) => [i, body[`checklist[${i}]`]])),
});

/** "Call now" on a task, the call's page (stage, O-04 checklist) and its wrap-up form. */
export function taskCallRoutes(ctx: AppContext): Router {
  const r = Router();
  consoleRoute(r, 'POST', '/console/tasks/:id/call', ANY_STAFF, async (req, res) => {
    await callTask(ctx, req.principal!, id(req));
    res.redirect(303, `/console/tasks/${id(req)}/call`);
  });
  consoleRoute(r, 'GET', '/console/tasks/:id/call', ANY_STAFF, async (req, res) => {
    const page = taskCallPage(pageContext(req), await taskCallView(ctx, req.principal!, id(req)));
    res.type('html').set('Cache-Control', 'no-store').send(page);
  });
  consoleRoute(r, 'POST', '/console/tasks/:id/outcome', ANY_STAFF, async (req, res) => {
    await recordTaskCallOutcome(ctx, req.principal!, id(req), outcomeOf(req.body ?? {}));
    res.redirect(303, '/console/tasks');
  });
  return r;
}
