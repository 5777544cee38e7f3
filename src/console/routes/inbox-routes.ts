import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { ANY_STAFF, SUPERVISORS } from '../../http/auth/guard.js';
import { notFound } from '../../shared/errors.js';
import { pageContext } from '../page-context.js';
import { listEnquiries, playEnquiryName, updateEnquiry } from '../../records/enquiry-records.js';
import { listMessagesForReview, playMessage, reviewMessage } from '../../records/message-records.js';
import { canSeeRestricted, closeTask, listTasks } from '../../records/task-records.js';
import { lateLines } from '../../records/late-items.js';
import { liftLookupSuspension } from '../../hotline/lift-lookup-suspension.js';
import { enquiriesPage } from '../pages/enquiries-page.js';
import { messagesPage } from '../pages/messages-page.js';
import { tasksPage } from '../pages/tasks-page.js';
import { consoleRoute } from './console-route.js';

const id = (req: Request) => {
  const n = Number(req.params.id);
  if (!Number.isInteger(n) || n <= 0) throw notFound('the record');
  return n;
};
const send = (res: Response, page: string) => res.type('html').set('Cache-Control', 'no-store').send(page);

/** Enquiries inbox, message review with audited playback, and the task queues. */
export function inboxRoutes(ctx: AppContext): Router {
  const r = Router();
  consoleRoute(r, 'GET', '/console/enquiries', ANY_STAFF, async (req, res) => {
    send(res, enquiriesPage(pageContext(req), await listEnquiries(ctx, req.principal!), lateLines(ctx)));
  });
  consoleRoute(r, 'POST', '/console/enquiries/:id', ANY_STAFF, async (req, res) => {
    await updateEnquiry(ctx, req.principal!, id(req), req.body);
    res.redirect(303, '/console/enquiries');
  });
  consoleRoute(r, 'GET', '/console/enquiries/:id/recording', ANY_STAFF, async (req, res) => {
    const media = await playEnquiryName(ctx, req.principal!, id(req));
    res.type(media.contentType).set('Cache-Control', 'no-store').set('Content-Disposition', 'inline').send(Buffer.from(media.body));
  });
  consoleRoute(r, 'GET', '/console/messages', ANY_STAFF, async (req, res) => {
    const p = req.principal!;
    send(res, messagesPage(pageContext(req), await listMessagesForReview(ctx), p.role !== 'operator'));
  });
  consoleRoute(r, 'POST', '/console/messages/:id/review', SUPERVISORS, async (req, res) => {
    await reviewMessage(ctx, req.principal!, id(req), req.body);
    res.redirect(303, '/console/messages');
  });
  // The only way to hear a recording: authenticated, audited, never cached (S-06, A-04).
  consoleRoute(r, 'GET', '/console/messages/:id/recording', ANY_STAFF, async (req, res) => {
    const media = await playMessage(ctx, req.principal!, id(req));
    res.type(media.contentType).set('Cache-Control', 'no-store').set('Content-Disposition', 'inline').send(Buffer.from(media.body));
  });
  consoleRoute(r, 'GET', '/console/tasks', ANY_STAFF, async (req, res) => {
    send(res, tasksPage(pageContext(req), await listTasks(ctx, req.principal!), canSeeRestricted(req.principal!), lateLines(ctx)));
  });
  consoleRoute(r, 'POST', '/console/tasks/:id/close', ANY_STAFF, async (req, res) => {
    await closeTask(ctx, req.principal!, id(req));
    res.redirect(303, '/console/tasks');
  });
  consoleRoute(r, 'POST', '/console/tasks/:id/lift', SUPERVISORS, async (req, res) => {
    await liftLookupSuspension(ctx, req.principal!, id(req));
    res.redirect(303, '/console/tasks');
  });
  return r;
}
