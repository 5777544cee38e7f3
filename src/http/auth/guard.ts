import type { RequestHandler, Router } from 'express';
import { ROLES, type Role } from '../../storage/schema.js';
import { AppError } from '../../shared/errors.js';
import { declareRoute, type Access, type DeclaredRoute } from './route-table.js';

/** Rejects unless the principal has one of the roles (and, for a scoped token, the scope). Admin is not implied. */
export function requireAccess(access: Access, scope?: string): RequestHandler {
  return (req, _res, next) => {
    if (access === 'public') return next();
    const p = req.principal;
    if (!p) return next(new AppError('unauthenticated', 'log in or send an API token (Authorization: Bearer …)', 401));
    if (p.system) return next();
    if (!access.includes(p.role)) return next(new AppError('forbidden', `this needs the role ${access.join(' or ')}`, 403));
    if (p.via === 'token' && scope && p.scopes.length > 0 && !p.scopes.includes(scope)) {
      return next(new AppError('forbidden_scope', `this API token lacks the scope ${scope}`, 403));
    }
    next();
  };
}

type Method = DeclaredRoute['method'];

/**
 * Registers a route together with its access rule: there is no way to add a route without one (default deny).
 * `mountPath` is where the router is mounted, recorded so the matrix test knows the full path.
 */
export function guardedRoute(
  router: Router,
  mountPath: string,
  method: Method,
  path: string,
  access: Access | readonly Role[],
  ...handlers: RequestHandler[]
): void {
  const full = `${mountPath}${path}`.replace(/\/+$/, '') || '/';
  const opts = { method, path: full, access } as DeclaredRoute;
  declareRoute(opts);
  const m = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
  router[m](path, requireAccess(access), ...handlers);
}

/** The roles that work with records (everyone but the caller desk, O-03). */
export const ANY_STAFF: readonly Role[] = ['operator', 'supervisor', 'admin'];
/** Every role: one's own account, language and session. */
export const ANY_ROLE: readonly Role[] = ROLES;
export const SUPERVISORS: readonly Role[] = ['supervisor', 'admin'];
export const ADMINS: readonly Role[] = ['admin'];
