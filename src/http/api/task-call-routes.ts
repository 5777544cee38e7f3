import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { ANY_STAFF } from '../auth/guard.js';
import { taskJson } from '../../records/task-records.js';
import { callTask } from '../../desk/call-task.js';
import { recordTaskCallOutcome } from '../../desk/record-task-call-outcome.js';
import { taskCallJson } from '../../desk/task-call-json.js';
import { apiRoute, intParam } from './api-route.js';

/** Calling a family back from a task (C-07): the same use cases as the console's "call now" and wrap-up. */
export function taskCallRoutes(ctx: AppContext): Router {
  const r = Router();
  apiRoute(r, 'POST', '/tasks/:id/call', ANY_STAFF, 'tasks:write', async (req, res) => {
    res.status(202).json(taskCallJson(await callTask(ctx, req.principal!, intParam(req.params.id))));
  });
  apiRoute(r, 'POST', '/tasks/:id/outcome', ANY_STAFF, 'tasks:write', async (req, res) => {
    res.json(taskJson(await recordTaskCallOutcome(ctx, req.principal!, intParam(req.params.id), req.body)));
  });
  return r;
}
