import type { AppContext } from '../app-context.js';
import { AppError } from '../shared/errors.js';
import { hashPassword, verifyPassword } from '../shared/password.js';
import type { User } from '../storage/schema.js';
import type { LoginLimiter } from './login-limiter.js';
import { createSessionStore } from './session-store.js';

let dummyHash: Promise<string> | undefined;

// One message for every failure, so the form does not tell which usernames exist.
const refused = () => new AppError('login_failed', 'wrong username or password', 401);

/**
 * Checks the password (scrypt) and opens a session. Failures slow further tries of that account from that
 * address (login-limiter.ts); nothing locks an account. An unknown username costs the same work as a wrong
 * password: a scrypt check against a dummy hash, the failure count and an audit entry.
 */
export async function login(
  ctx: AppContext,
  limiter: LoginLimiter,
  input: { username: string; password: string; ip: string },
): Promise<{ sid: string; csrf: string; user: User }> {
  const wait = await limiter.waitFor(input.username, input.ip);
  if (wait > 0)
    throw new AppError(
      'login_rate_limited',
      `too many failed logins for this account from this address; try again in ${wait} seconds`,
      429,
      { retryAfterSeconds: wait },
    );
  const user = await ctx.repos.users.findByUsername(input.username);
  const ok = await verifyPassword(input.password, user?.password_hash ?? (await (dummyHash ??= hashPassword('not-a-user'))));
  if (!user || !ok || user.disabled) {
    const slowed = await limiter.fail(input.username, input.ip);
    const reason = !user ? 'unknown' : user.disabled ? 'disabled' : 'password';
    await ctx.repos.audit.append({
      actor: user?.username ?? 'unknown',
      action: 'login.failed',
      subjectType: 'user',
      subjectId: user?.id ?? null,
      detail: { reason },
    });
    if (slowed)
      await ctx.repos.audit.append({
        actor: user?.username ?? 'unknown',
        action: 'login.throttled',
        subjectType: 'user',
        subjectId: user?.id ?? null,
        detail: { seconds: slowed },
      });
    throw refused();
  }
  await limiter.succeed(input.username, input.ip);
  await ctx.repos.audit.append({ actor: user.username, action: 'login', subjectType: 'user', subjectId: user.id });
  const s = await createSessionStore(ctx).create(user.id);
  return { ...s, user };
}
