import { Router, type Request, type Response } from 'express';
import type { AppContext } from '../../app-context.js';
import { notFound } from '../../shared/errors.js';
import { ADMINS } from '../../http/auth/guard.js';
import { createApiToken, revokeApiToken } from '../../accounts/api-tokens.js';
import { setUserTimeZone } from '../../accounts/user-time-zone.js';
import { createUser, listUsers, setUserDisabled, updateUser } from '../../accounts/users.js';
import { pageContext } from '../page-context.js';
import { AUDIT_PAGE, listAudit } from '../../records/audit-trail.js';
import { auditPage } from '../pages/audit-page.js';
import { usersPage } from '../pages/users-page.js';
import { oncePage } from '../pages/error-page.js';
import { consoleRoute } from './console-route.js';

const id = (req: Request) => {
  const n = Number(req.params.id);
  if (!Number.isInteger(n) || n <= 0) throw notFound('the record');
  return n;
};
const send = (res: Response, page: string) => res.type('html').set('Cache-Control', 'no-store').send(page);

/** Admin screens: the audit log with chain verification, users, API tokens. */
export function adminRoutes(ctx: AppContext): Router {
  const r = Router();
  consoleRoute(r, 'GET', '/console/audit', ADMINS, async (req, res) => {
    const pc = pageContext(req);
    const { query, rows } = await listAudit(ctx, req.query, { zone: pc.zone, defaultScope: 'people', limit: AUDIT_PAGE });
    const verification = req.query.verify ? await ctx.repos.audit.verify() : undefined;
    send(res, auditPage(pc, rows, query, verification));
  });
  consoleRoute(r, 'GET', '/console/users', ADMINS, async (req, res) => {
    const users = await listUsers(ctx);
    const tokens = await ctx.repos.users.listAllApiTokens(200);
    send(res, usersPage(pageContext(req), users, tokens));
  });
  consoleRoute(r, 'POST', '/console/users', ADMINS, async (req, res) => {
    await createUser(ctx, req.principal!, req.body);
    res.redirect(303, '/console/users');
  });
  consoleRoute(r, 'POST', '/console/users/:id/phone', ADMINS, async (req, res) => {
    await updateUser(ctx, req.principal!, id(req), { phone: req.body.phone ?? '' });
    res.redirect(303, '/console/users');
  });
  for (const action of ['disable', 'enable'] as const) {
    consoleRoute(r, 'POST', `/console/users/:id/${action}`, ADMINS, async (req, res) => {
      await setUserDisabled(ctx, req.principal!, id(req), action === 'disable');
      res.redirect(303, '/console/users');
    });
  }
  consoleRoute(r, 'POST', '/console/users/:id/time-zone', ADMINS, async (req, res) => {
    await setUserTimeZone(ctx, req.principal!, id(req), { timeZone: (req.body as Record<string, unknown>)?.timeZone ?? '' });
    res.redirect(303, '/console/users');
  });
  consoleRoute(r, 'POST', '/console/tokens', ADMINS, async (req, res) => {
    const t = await createApiToken(ctx, req.principal!, req.body);
    const pc = pageContext(req);
    send(res, oncePage(pc, pc.t('tokens'), pc.t('tokenShownOnce'), t.token, '/console/users'));
  });
  consoleRoute(r, 'POST', '/console/tokens/:id/revoke', ADMINS, async (req, res) => {
    await revokeApiToken(ctx, req.principal!, id(req));
    res.redirect(303, '/console/users');
  });
  return r;
}
