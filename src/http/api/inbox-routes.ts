import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { ANY_STAFF, SUPERVISORS } from '../auth/guard.js';
import { enquiryJson, listEnquiries, playEnquiryName, updateEnquiry } from '../../records/enquiry-records.js';
import { listMessagesForReview, messageJson, playMessage, reviewMessage } from '../../records/message-records.js';
import { closeTask, listTasks, taskJson } from '../../records/task-records.js';
import { liftLookupSuspension } from '../../hotline/lift-lookup-suspension.js';
import { apiRoute, intParam } from './api-route.js';

/** Enquiries, messages (review and audited playback) and tasks: the inboxes of the console as JSON. */
export function inboxRoutes(ctx: AppContext): Router {
  const r = Router();
  apiRoute(r, 'GET', '/enquiries', ANY_STAFF, 'enquiries:read', async (req, res) => {
    res.json({ results: (await listEnquiries(ctx, req.principal!)).map(enquiryJson) });
  });
  apiRoute(r, 'PATCH', '/enquiries/:id', ANY_STAFF, 'enquiries:write', async (req, res) => {
    res.json(enquiryJson(await updateEnquiry(ctx, req.principal!, intParam(req.params.id), req.body)));
  });
  apiRoute(r, 'GET', '/enquiries/:id/recording', ANY_STAFF, 'enquiries:read', async (req, res) => {
    const media = await playEnquiryName(ctx, req.principal!, intParam(req.params.id));
    res.type(media.contentType).set('Cache-Control', 'no-store').send(Buffer.from(media.body));
  });
  apiRoute(r, 'GET', '/messages', ANY_STAFF, 'messages:read', async (_req, res) => {
    res.json({ results: (await listMessagesForReview(ctx)).map(messageJson) });
  });
  apiRoute(r, 'POST', '/messages/:id/review', SUPERVISORS, 'messages:write', async (req, res) => {
    res.json(messageJson(await reviewMessage(ctx, req.principal!, intParam(req.params.id), req.body)));
  });
  apiRoute(r, 'GET', '/messages/:id/recording', ANY_STAFF, 'messages:read', async (req, res) => {
    const media = await playMessage(ctx, req.principal!, intParam(req.params.id));
    res.type(media.contentType).set('Cache-Control', 'no-store').send(Buffer.from(media.body));
  });
  apiRoute(r, 'GET', '/tasks', ANY_STAFF, 'tasks:read', async (req, res) => {
    const v = await listTasks(ctx, req.principal!);
    res.json({ open: v.open.map(taskJson), restricted: v.restricted.map(taskJson) });
  });
  apiRoute(r, 'POST', '/tasks/:id/close', ANY_STAFF, 'tasks:write', async (req, res) => {
    res.json(taskJson(await closeTask(ctx, req.principal!, intParam(req.params.id))));
  });
  apiRoute(r, 'POST', '/tasks/:id/lift', SUPERVISORS, 'tasks:write', async (req, res) => {
    await liftLookupSuspension(ctx, req.principal!, intParam(req.params.id));
    res.json({ lifted: true });
  });
  return r;
}
