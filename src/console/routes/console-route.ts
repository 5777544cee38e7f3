import express, { type RequestHandler, type Router } from 'express';
import type { Role } from '../../storage/schema.js';
import { guardedRoute } from '../../http/auth/guard.js';
import type { Access } from '../../http/auth/route-table.js';

const form = express.urlencoded({ extended: false, limit: 16384 });

/**
 * A console route: declared with its role rule through guardedRoute (default deny), and for POSTs with the
 * form parser on the route itself, so the console never parses bodies meant for other features' routes.
 */
export function consoleRoute(
  r: Router,
  method: 'GET' | 'POST',
  path: string,
  access: Access | readonly Role[],
  handler: RequestHandler,
): void {
  if (method === 'POST') guardedRoute(r, '', method, path, access, form, handler);
  else guardedRoute(r, '', method, path, access, handler);
}
