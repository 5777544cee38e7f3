import { createHmac } from 'node:crypto';
import type { Repositories } from '../storage/repositories/index.js';
import { hashToken } from '../storage/repositories/user-repository.js';
import { verifyPassword } from '../shared/password.js';
import type { Role } from '../storage/schema.js';

export interface DemoLogin {
  role: Role;
  username: string;
  password: string;
  apiToken: string;
}

// Derived from the server key, so the same install always prints the same logins and another install does not.
const derive = (key: string, purpose: string) => createHmac('sha256', key).update(`kinline-demo:${purpose}`).digest('base64url');

/**
 * Creates (or restores) the demo login and API token for one role. Returns whether anything changed.
 * The token row is written only when its hash is absent, so a second run changes nothing.
 */
export async function ensureDemoUser(repos: Repositories, secretHashKey: string, role: Role): Promise<{ login: DemoLogin; changed: boolean }> {
  const login: DemoLogin = {
    role,
    username: `demo-${role}`,
    password: `demo-${derive(secretHashKey, `password:${role}`).slice(0, 16)}`,
    apiToken: `kl_demo_${derive(secretHashKey, `token:${role}`).slice(0, 32)}`,
  };
  let changed = false;
  let user = await repos.users.findByUsername(login.username);
  if (!user) {
    user = await repos.users.create({ username: login.username, password: login.password, role, displayName: `Demo ${role}`, language: 'en' });
    changed = true;
  } else if (!(await verifyPassword(login.password, user.password_hash))) {
    await repos.users.setPassword(user.id, login.password);
    changed = true;
  }
  const tokenHash = hashToken(login.apiToken);
  const token = await repos.db.selectFrom('api_tokens').select(['id', 'user_id', 'revoked_at']).where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!token) {
    await repos.db.insertInto('api_tokens').values({ user_id: user.id, name: 'demo', token_hash: tokenHash, scopes: '' }).execute();
    changed = true;
  } else if (token.revoked_at) {
    await repos.db.updateTable('api_tokens').set({ revoked_at: null }).where('id', '=', token.id).execute();
    changed = true;
  }
  return { login, changed };
}
