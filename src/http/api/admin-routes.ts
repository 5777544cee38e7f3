import { Router } from 'express';
import type { AppContext } from '../../app-context.js';
import { ADMINS, ANY_ROLE } from '../auth/guard.js';
import { createApiToken, listApiTokens, revokeApiToken } from '../../accounts/api-tokens.js';
import { createUser, listUsers, setUserDisabled, updateUser } from '../../accounts/users.js';
import { apiRoute, intParam } from './api-route.js';
import { listAudit } from '../../records/audit-trail.js';

/** Audit log and chain verification (S-06), users, and API tokens (scoped, revocable). */
export function adminRoutes(ctx: AppContext): Router {
  const r = Router();
  apiRoute(r, 'GET', '/audit', ADMINS, 'audit:read', async (req, res) => {
    const zone = req.principal!.timeZone ?? ctx.config.hotline.operatorTimeZone;
    const { rows } = await listAudit(ctx, req.query, { zone, defaultScope: 'all', limit: Math.min(Number(req.query.limit) || 100, 500) });
    res.json({
      entries: rows.map((e) => ({
        seq: e.seq,
        at: e.at,
        actor: e.actor,
        action: e.action,
        subjectType: e.subject_type,
        subjectId: e.subject_id,
        detail: e.detail,
      })),
    });
  });
  apiRoute(r, 'GET', '/audit/verify', ADMINS, 'audit:read', async (_req, res) => {
    res.json(await ctx.repos.audit.verify());
  });
  // Who the token or session is, and the zone its times are read in (the command line prints times in it).
  apiRoute(r, 'GET', '/me', ANY_ROLE, null, (req, res) => {
    const p = req.principal!;
    res.json({ username: p.username, role: p.role, language: p.language, timeZone: p.timeZone ?? ctx.config.hotline.operatorTimeZone });
  });
  apiRoute(r, 'GET', '/users', ADMINS, 'users:read', async (_req, res) => {
    res.json({ users: await listUsers(ctx) });
  });
  apiRoute(r, 'POST', '/users', ADMINS, 'users:write', async (req, res) => {
    res.status(201).json(await createUser(ctx, req.principal!, req.body));
  });
  apiRoute(r, 'PATCH', '/users/:id', ADMINS, 'users:write', async (req, res) => {
    res.json(await updateUser(ctx, req.principal!, intParam(req.params.id), req.body));
  });
  apiRoute(r, 'POST', '/users/:id/disable', ADMINS, 'users:write', async (req, res) => {
    res.json(await setUserDisabled(ctx, req.principal!, intParam(req.params.id), true));
  });
  apiRoute(r, 'POST', '/users/:id/enable', ADMINS, 'users:write', async (req, res) => {
    res.json(await setUserDisabled(ctx, req.principal!, intParam(req.params.id), false));
  });
  // Everyone may manage their own tokens; an admin may manage anyone's (checked in the use case).
  apiRoute(r, 'GET', '/tokens', ANY_ROLE, 'users:read', async (req, res) => {
    res.json({ tokens: await listApiTokens(ctx, req.principal!, req.query.userId ? intParam(req.query.userId) : undefined) });
  });
  apiRoute(r, 'POST', '/tokens', ANY_ROLE, 'users:write', async (req, res) => {
    res
      .status(201)
      .set('Cache-Control', 'no-store')
      .json(await createApiToken(ctx, req.principal!, req.body));
  });
  apiRoute(r, 'DELETE', '/tokens/:id', ANY_ROLE, 'users:write', async (req, res) => {
    await revokeApiToken(ctx, req.principal!, intParam(req.params.id));
    res.status(204).end();
  });
  return r;
}
