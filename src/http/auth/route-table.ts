import type { Role } from '../../storage/schema.js';

export type Access = 'public' | readonly Role[];

export interface DeclaredRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Express path, e.g. /api/call-requests/:id/approve */
  path: string;
  access: Access;
  /** A token needs this scope when it has scopes at all. */
  scope?: string;
}

// Every guarded route declares itself here when its router is built, so the role-by-route matrix test
// can enumerate all of them and a route without a rule cannot hide.
const table = new Map<string, DeclaredRoute>();

export function declareRoute(r: DeclaredRoute): void {
  table.set(`${r.method} ${r.path}`, r);
}

export function declaredRoutes(): DeclaredRoute[] {
  return [...table.values()];
}
