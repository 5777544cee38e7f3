import type { AppContext } from '../app-context.js';
import { AppError } from '../shared/errors.js';
import { hashPassword, verifyPassword } from '../shared/password.js';
import type { User } from '../storage/schema.js';
import { LOCKOUT, type LoginLimiter } from './login-limiter.js';
import { createSessionStore } from './session-store.js';

let dummyHash: Promise<string> | undefined;

// One message for every failure, so the form does not tell which usernames exist or are locked.
const refused = () => new AppError('login_failed', 'wrong username or password, or the account is locked for a while', 401);

/**
 * Checks the password (scrypt), applies the rate limit and the lockout, and opens a session.
 * A locked account is refused even with the right password until locked_until passes.
 */
export async function login(
  ctx: AppContext,
  limiter: LoginLimiter,
  input: { username: string; password: string; ip: string },
): Promise<{ sid: string; csrf: string; user: User }> {
  const wait = await limiter.blockedFor(input.username, input.ip);
  if (wait > 0) throw new AppError('login_rate_limited', `too many failed logins; try again in ${Math.ceil(wait / 60)} minutes`, 429, { retryAfterSeconds: wait });
  const user = await ctx.repos.users.findByUsername(input.username);
  if (!user) {
    // Spend the same time as a real check so timing does not reveal unknown usernames.
    await verifyPassword(input.password, await (dummyHash ??= hashPassword('not-a-user')));
    await limiter.fail(input.username, input.ip);
    throw refused();
  }
  const ok = await verifyPassword(input.password, user.password_hash);
  const locked = user.locked_until && new Date(user.locked_until).getTime() > ctx.clock.now().getTime();
  if (!ok || locked || user.disabled) {
    await limiter.fail(input.username, input.ip);
    if (!ok && !locked) {
      const after = await ctx.repos.users.recordFailedLogin(user.id, LOCKOUT.after, LOCKOUT.minutes);
      if (after.locked_until) await ctx.repos.audit.append({ actor: user.username, action: 'account.locked', subjectType: 'user', subjectId: user.id, detail: { minutes: LOCKOUT.minutes } });
    }
    await ctx.repos.audit.append({ actor: user.username, action: 'login.failed', subjectType: 'user', subjectId: user.id, detail: { reason: locked ? 'locked' : user.disabled ? 'disabled' : 'password' } });
    throw refused();
  }
  await ctx.repos.users.recordSuccessfulLogin(user.id);
  await limiter.succeed(input.username, input.ip);
  await ctx.repos.audit.append({ actor: user.username, action: 'login', subjectType: 'user', subjectId: user.id });
  const s = await createSessionStore(ctx).create(user.id);
  return { ...s, user };
}
