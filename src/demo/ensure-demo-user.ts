import { createHmac } from 'node:crypto';
import type { Repositories } from '../storage/repositories/index.js';
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
export async function ensureDemoUser(
  repos: Repositories,
  secretHashKey: string,
  role: Role,
): Promise<{ login: DemoLogin; changed: boolean }> {
  const login: DemoLogin = {
    role,
    username: `demo-${role}`,
    password: `demo-${derive(secretHashKey, `password:${role}`).slice(0, 16)}`,
    apiToken: `kl_demo_${derive(secretHashKey, `token:${role}`).slice(0, 32)}`,
  };
  let changed = false;
  let user = await repos.users.findByUsername(login.username);
  if (!user) {
    user = await repos.users.create({
      username: login.username,
      password: login.password,
      role,
      displayName: `Demo ${role}`,
      language: 'en',
    });
    changed = true;
  } else if (!(await verifyPassword(login.password, user.password_hash))) {
    await repos.users.setPassword(user.id, login.password);
    changed = true;
  }
  if (await repos.users.ensureApiToken(user.id, 'demo', login.apiToken)) changed = true;
  return { login, changed };
}
