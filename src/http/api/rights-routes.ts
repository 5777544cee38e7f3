import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { SUPERVISORS } from '../auth/guard.js';
import { NOTICE_READERS, facilityFilter, listNotices, markNoticeRead, noticeJson } from '../../records/detainee-notices.js';
import { listRecordings, playRecording } from '../../records/call-recordings.js';
import { eraseContactData } from '../../records/erase-contact-data.js';
import { apiRoute, intParam } from './api-route.js';

/** Notices to read to detainees, recordings of supervised calls and deletion on request, as JSON. */
export function rightsRoutes(ctx: AppContext): Router {
  const r = Router();
  apiRoute(r, 'GET', '/notices', NOTICE_READERS, 'calls:read', async (req, res) => {
    res.json({ results: (await listNotices(ctx, facilityFilter(req.query.facilityId))).map(noticeJson) });
  });
  apiRoute(r, 'POST', '/notices/:id/read', NOTICE_READERS, 'calls:write', async (req, res) => {
    res.json(noticeJson(await markNoticeRead(ctx, req.principal!, intParam(req.params.id))));
  });
  apiRoute(r, 'GET', '/recordings', SUPERVISORS, 'calls:read', async (_req, res) => {
    res.json({ results: await listRecordings(ctx) });
  });
  apiRoute(r, 'GET', '/recordings/:sid/media', SUPERVISORS, 'calls:read', async (req, res) => {
    const media = await playRecording(ctx, req.principal!, String(req.params.sid));
    res.type(media.contentType).set('Cache-Control', 'no-store').send(Buffer.from(media.body));
  });
  apiRoute(r, 'POST', '/contacts/:id/erase', SUPERVISORS, 'detainees:write', async (req, res) => {
    res.json({ erased: await eraseContactData(ctx, req.principal!, intParam(req.params.id), req.body ?? {}) });
  });
  return r;
}
