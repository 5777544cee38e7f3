import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../database.js';
import type { Role, User } from '../schema.js';
import { hashPassword } from '../../shared/password.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export function createUserRepository(db: Db) {
  return {
    async create(u: {
      username: string;
      password: string;
      role: Role;
      displayName?: string;
      language?: string;
      timeZone?: string | null;
      phone?: string | null;
    }): Promise<User> {
      return db
        .insertInto('users')
        .values({
          username: u.username,
          password_hash: await hashPassword(u.password),
          role: u.role,
          display_name: u.displayName ?? null,
          language: u.language ?? 'uk',
          time_zone: u.timeZone ?? null,
          phone: u.phone ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    },
    async setPassword(id: number, password: string) {
      await db
        .updateTable('users')
        .set({ password_hash: await hashPassword(password) })
        .where('id', '=', id)
        .execute();
    },
    /** Returns the user, or undefined when there is none with this id. */
    update: (id: number, c: { displayName?: string; phone?: string | null; timeZone?: string | null }): Promise<User | undefined> =>
      c.displayName === undefined && c.phone === undefined && c.timeZone === undefined
        ? db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
        : db
            .updateTable('users')
            .set({
              ...(c.displayName !== undefined ? { display_name: c.displayName || null } : {}),
              ...(c.phone !== undefined ? { phone: c.phone } : {}),
              ...(c.timeZone !== undefined ? { time_zone: c.timeZone } : {}),
            })
            .where('id', '=', id)
            .returningAll()
            .executeTakeFirst(),
    /** Supervisors and admins with a phone: who can listen in on a call (S-03). */
    listMonitors: () =>
      db
        .selectFrom('users')
        .select(['id', 'username', 'display_name', 'phone'])
        .where('role', 'in', ['supervisor', 'admin'])
        .where('disabled', '=', false)
        .where('phone', 'is not', null)
        .orderBy('username')
        .execute(),
    findByUsername: (username: string) => db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst(),
    findById: (id: number) => db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
    list: () => db.selectFrom('users').selectAll().orderBy('username').execute(),
    /** Returns the user, or undefined when there is none with this id. */
    setDisabled: (id: number, disabled: boolean): Promise<User | undefined> =>
      db.updateTable('users').set({ disabled }).where('id', '=', id).returningAll().executeTakeFirst(),
    async setLanguage(id: number, language: string): Promise<void> {
      await db.updateTable('users').set({ language }).where('id', '=', id).execute();
    },
    /** Null: the user follows OPERATOR_TIME_ZONE. Returns the user, or undefined when there is none with this id. */
    setTimeZone: (id: number, timeZone: string | null): Promise<User | undefined> =>
      db.updateTable('users').set({ time_zone: timeZone }).where('id', '=', id).returningAll().executeTakeFirst(),
    /** Returns the plain token once; only its hash is stored. */
    async createApiToken(userId: number, name: string, scopes: string[] = []): Promise<{ token: string; id: number }> {
      const token = `kl_${randomBytes(24).toString('base64url')}`;
      const row = await db
        .insertInto('api_tokens')
        .values({ user_id: userId, name, token_hash: hashToken(token), scopes: scopes.join(' ') })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { token, id: row.id };
    },
    /** The token's user, when the token exists, is not revoked and the user is enabled. */
    async findByApiToken(token: string) {
      const row = await db
        .selectFrom('api_tokens')
        .innerJoin('users', 'users.id', 'api_tokens.user_id')
        .select([
          'api_tokens.id as token_id',
          'api_tokens.scopes',
          'users.id',
          'users.username',
          'users.role',
          'users.language',
          'users.time_zone',
          'users.disabled',
        ])
        .where('api_tokens.token_hash', '=', hashToken(token))
        .where('api_tokens.revoked_at', 'is', null)
        .executeTakeFirst();
      if (!row || row.disabled) return undefined;
      return row;
    },
    /**
     * Stores a token chosen by the caller (the demo's, derived from the server key) unless its hash is stored
     * already; a revoked one is restored. Returns whether anything changed, so a second run changes nothing.
     */
    async ensureApiToken(userId: number, name: string, token: string): Promise<boolean> {
      const tokenHash = hashToken(token);
      const row = await db.selectFrom('api_tokens').select(['id', 'revoked_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
      if (!row) {
        await db.insertInto('api_tokens').values({ user_id: userId, name, token_hash: tokenHash, scopes: '' }).execute();
        return true;
      }
      if (!row.revoked_at) return false;
      await db.updateTable('api_tokens').set({ revoked_at: null }).where('id', '=', row.id).execute();
      return true;
    },
    findApiToken: (id: number) =>
      db.selectFrom('api_tokens').select(['id', 'user_id', 'revoked_at']).where('id', '=', id).executeTakeFirst(),
    revokeApiToken: (id: number) => db.updateTable('api_tokens').set({ revoked_at: new Date() }).where('id', '=', id).execute(),
    /** Every user's tokens with the owner's name, newest first (the admin's users screen); never a hash. */
    listAllApiTokens: (limit: number) =>
      db
        .selectFrom('api_tokens as t')
        .innerJoin('users as u', 'u.id', 't.user_id')
        .select(['t.id', 't.name', 't.scopes', 't.created_at', 't.revoked_at', 'u.id as userId', 'u.username'])
        .orderBy('t.id', 'desc')
        .limit(limit)
        .execute(),
    listApiTokens: (userId: number) =>
      db
        .selectFrom('api_tokens')
        .select(['id', 'name', 'scopes', 'created_at', 'revoked_at', 'last_used_at'])
        .where('user_id', '=', userId)
        .execute(),
  };
}

export type UserRepository = ReturnType<typeof createUserRepository>;
