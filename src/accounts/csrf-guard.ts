import { timingSafeEqual } from 'node:crypto';
import express, { type RequestHandler } from 'express';
import type { AppContext } from '../app-context.js';
import { AppError } from '../shared/errors.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function tokensEqual(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every state-changing request made with a session cookie must carry the session's CSRF token, as the
 * form field `_csrf` or the header `X-CSRF-Token`. API-token requests carry no cookie, so a forged
 * cross-site request cannot use them, and are exempt. Mounted once for the whole app, after
 * authenticate(), so it also covers other features' /api routes when a console user calls them.
 * The body is parsed here only for session requests, so webhook routes keep their own parsing.
 */
export function csrfGuard(ctx: AppContext): RequestHandler {
  const limit = ctx.config.http.maxBodyBytes;
  const form = express.urlencoded({ extended: false, limit });
  const json = express.json({ limit });
  return (req, res, next) => {
    const p = req.principal;
    // The login form has its own double-submit token (there may be no session, or another user's).
    if (!p || p.via !== 'session' || SAFE.has(req.method) || req.path === '/login') return next();
    form(req, res, (e1?: unknown) => {
      if (e1) return next(e1);
      json(req, res, (e2?: unknown) => {
        if (e2) return next(e2);
        const sent =
          (req.headers['x-csrf-token'] as string | undefined) ??
          (req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>)._csrf : undefined);
        if (!tokensEqual(typeof sent === 'string' ? sent : undefined, p.csrfToken)) {
          return next(
            new AppError('csrf', 'the form was out of date or did not come from this console; reload the page and try again', 403),
          );
        }
        next();
      });
    });
  };
}
