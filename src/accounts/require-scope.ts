import type { RequestHandler } from 'express';
import { AppError } from '../shared/errors.js';
import type { ApiScope } from './scopes.js';

/** A scoped API token must hold `scope`; sessions and unscoped tokens pass (their role was checked already). */
export function requireScope(scope: ApiScope): RequestHandler {
  return (req, _res, next) => {
    const p = req.principal;
    if (p?.via === 'token' && p.scopes.length > 0 && !p.scopes.includes(scope)) {
      return next(new AppError('forbidden_scope', `this API token lacks the scope ${scope}`, 403));
    }
    next();
  };
}
