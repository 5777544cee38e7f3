import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { SUPERVISORS } from '../../http/auth/guard.js';
import { notFound } from '../../shared/errors.js';
import { pageContext } from '../page-context.js';
import { NOTICE_READERS, facilityFilter, listNotices, markNoticeRead } from '../../records/detainee-notices.js';
import { listRecordings, playRecording } from '../../records/call-recordings.js';
import { eraseContactData } from '../../records/erase-contact-data.js';
import { noticesPage } from '../pages/notices-page.js';
import { recordingsPage } from '../pages/recordings-page.js';
import { consoleRoute } from './console-route.js';

const id = (req: Request) => {
  const n = Number(req.params.id);
  if (!Number.isInteger(n) || n <= 0) throw notFound('the record');
  return n;
};
const recordingSid = (req: Request) => {
  const sid = String(req.params.sid);
  if (!/^RE[0-9a-f]{32}$/.test(sid)) throw notFound('the recording');
  return sid;
};
const send = (res: Response, page: string) => res.type('html').set('Cache-Control', 'no-store').send(page);

/** Notices to read to detainees (O-07), recordings of supervised calls, deletion on request (C-11). */
export function rightsRoutes(ctx: AppContext): Router {
  const r = Router();
  consoleRoute(r, 'GET', '/console/notices', NOTICE_READERS, async (req, res) => {
    const facility = String(req.query.facility ?? '');
    const rows = await listNotices(ctx, facilityFilter(facility));
    send(res, noticesPage(pageContext(req), rows, await ctx.repos.facilities.list(), facility));
  });
  consoleRoute(r, 'POST', '/console/notices/:id/read', NOTICE_READERS, async (req, res) => {
    await markNoticeRead(ctx, req.principal!, id(req));
    res.redirect(303, '/console/notices');
  });
  consoleRoute(r, 'GET', '/console/recordings', SUPERVISORS, async (req, res) => {
    send(res, recordingsPage(pageContext(req), await listRecordings(ctx)));
  });
  // The only way to hear a call's recording: authenticated, audited, never cached (S-06, A-01).
  consoleRoute(r, 'GET', '/console/recordings/:sid/media', SUPERVISORS, async (req, res) => {
    const media = await playRecording(ctx, req.principal!, recordingSid(req));
    res.type(media.contentType).set('Cache-Control', 'no-store').set('Content-Disposition', 'inline').send(Buffer.from(media.body));
  });
  consoleRoute(r, 'POST', '/console/contacts/:id/erase', SUPERVISORS, async (req, res) => {
    await eraseContactData(ctx, req.principal!, id(req), req.body as { confirm?: unknown });
    res.redirect(303, `/console/contacts/${id(req)}`);
  });
  return r;
}
