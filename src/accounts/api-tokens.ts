import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError, notFound } from '../shared/errors.js';
import { API_SCOPES } from './scopes.js';
import { parseInput } from '../shared/parse-input.js';

export const newTokenSchema = z.object({
  name: z.string().trim().min(1).max(60),
  scopes: z
    .union([z.array(z.enum(API_SCOPES)), z.enum(API_SCOPES)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v])),
  /** Admins may issue a token for another user. */
  userId: z.coerce.number().int().positive().optional(),
});

const mayManage = (p: Principal, ownerId: number) => p.role === 'admin' || p.userId === ownerId;

/** Issues a token; the plain value is returned once and only its hash is stored. */
export async function createApiToken(
  ctx: AppContext,
  p: Principal,
  input: unknown,
): Promise<{ id: number; token: string; scopes: string[] }> {
  const v = parseInput(newTokenSchema, input);
  const owner = v.userId ?? p.userId;
  if (!mayManage(p, owner)) throw new AppError('forbidden', 'only an admin may issue tokens for another user', 403);
  const user = await ctx.repos.users.findById(owner);
  if (!user || user.disabled) throw notFound('the user');
  const t = await ctx.repos.users.createApiToken(owner, v.name, v.scopes);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'token.create',
    subjectType: 'user',
    subjectId: owner,
    detail: { tokenId: t.id, scopes: v.scopes },
  });
  return { ...t, scopes: v.scopes };
}

/** Revocation takes effect on the next request: findByApiToken skips revoked tokens. */
export async function revokeApiToken(ctx: AppContext, p: Principal, tokenId: number): Promise<void> {
  const row = await ctx.repos.users.findApiToken(tokenId);
  if (!row || !mayManage(p, row.user_id)) throw notFound('the token');
  if (!row.revoked_at) await ctx.repos.users.revokeApiToken(tokenId);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'token.revoke',
    subjectType: 'user',
    subjectId: row.user_id,
    detail: { tokenId },
  });
}

export async function listApiTokens(ctx: AppContext, p: Principal, userId?: number) {
  const owner = userId ?? p.userId;
  if (!mayManage(p, owner)) throw new AppError('forbidden', "only an admin may list another user's tokens", 403);
  return ctx.repos.users.listApiTokens(owner);
}
