import express, { type RequestHandler, type Router } from 'express';
import type { Role } from '../../storage/schema.js';
import { guardedRoute } from '../auth/guard.js';
import { declareRoute, type DeclaredRoute } from '../auth/route-table.js';
import { requireScope } from '../../accounts/require-scope.js';
import type { ApiScope } from '../../accounts/scopes.js';

export const API_MOUNT = '/api';
const json = express.json({ limit: 65536 });

/**
 * A console REST route under /api: role rule via guardedRoute (default deny), the token scope it needs,
 * and a JSON body parser on the route itself for writes. The scope is recorded in the route table.
 */
export function apiRoute(
  r: Router,
  method: DeclaredRoute['method'],
  path: string,
  access: readonly Role[],
  scope: ApiScope | null,
  handler: RequestHandler,
): void {
  const checks: RequestHandler[] = scope ? [requireScope(scope)] : [];
  const handlers: RequestHandler[] = method === 'GET' ? [...checks, handler] : [...checks, json, handler];
  guardedRoute(r, API_MOUNT, method, path, access, ...handlers);
  declareRoute({ method, path: `${API_MOUNT}${path}`.replace(/\/+$/, ''), access, ...(scope ? { scope } : {}) });
}

export const intParam = (v: unknown): number => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : -1;
};
