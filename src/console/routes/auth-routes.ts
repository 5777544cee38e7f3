import { randomBytes } from 'node:crypto';
import express, { Router } from 'express';
import { consoleRoute } from './console-route.js';
import type { AppContext } from '../../app-context.js';
import { ANY_ROLE, guardedRoute } from '../../http/auth/guard.js';
import { login } from '../../accounts/login.js';
import { createLoginLimiter } from '../../accounts/login-limiter.js';
import { createSessionStore } from '../../accounts/session-store.js';
import { cookieOptions, LOGIN_CSRF_COOKIE, readCookie, SESSION_COOKIE } from '../../accounts/session-cookie.js';
import { tokensEqual } from '../../accounts/csrf-guard.js';
import { setUserLanguage } from '../../accounts/users.js';
import { AppError } from '../../shared/errors.js';
import { pageContext } from '../page-context.js';
import { loginPage } from '../pages/login-page.js';
import { CONSOLE_CSS, QUEUE_JS, SCHEDULE_JS } from '../assets.js';
import { safeBack } from './safe-back.js';
import { goOffDuty } from '../../desk/go-off-duty.js';
import { FAVICON_SVG } from '../favicon.js';
import type { Role } from '../../shared/roles.js';

/** Where each role lands after login: the caller desk has its own page and nothing else (O-03). */
const homeOf = (role: Role) =>
  role === 'operator' ? '/console/detainees' : role === 'caller_desk' ? '/console/caller-desk' : '/console/queue';

/** Login, logout, language switch, the start page and the two static assets. */
export function authRoutes(ctx: AppContext): Router {
  const r = Router();
  const limiter = createLoginLimiter(ctx);
  const form = express.urlencoded({ extended: false, limit: ctx.config.http.maxBodyBytes });

  const showLogin = (req: express.Request, res: express.Response, status = 200, error?: string, username = '') => {
    const token = randomBytes(24).toString('base64url');
    res.cookie(LOGIN_CSRF_COOKIE, token, cookieOptions(ctx.config, 30 * 60_000));
    res
      .status(status)
      .type('html')
      .set('Cache-Control', 'no-store')
      .send(loginPage(pageContext(req, token), error, username, safeBack(String(req.query.next ?? ''), '')));
  };

  guardedRoute(r, '', 'GET', '/login', 'public', (req, res) => showLogin(req, res));
  guardedRoute(r, '', 'POST', '/login', 'public', form, async (req, res) => {
    const b = (req.body ?? {}) as Record<string, string>;
    // Login CSRF: double-submit cookie, since there is no session to bind a token to yet.
    if (!tokensEqual(b._csrf, readCookie(req, LOGIN_CSRF_COOKIE))) return showLogin(req, res, 400, 'the form was out of date; try again');
    try {
      // Logging in over an existing session replaces it rather than leaving it alive.
      if (req.principal?.sessionId) await createSessionStore(ctx).destroy(req.principal.sessionId);
      const s = await login(ctx, limiter, {
        username: String(b.username ?? '').slice(0, 80),
        password: String(b.password ?? '').slice(0, 200),
        ip: req.ip ?? 'unknown',
      });
      res.cookie(SESSION_COOKIE, s.sid, cookieOptions(ctx.config, ctx.config.security.sessionTtlMinutes * 60_000));
      res.clearCookie(LOGIN_CSRF_COOKIE, cookieOptions(ctx.config));
      res.redirect(303, safeBack(String(req.query.next ?? ''), homeOf(s.user.role)));
    } catch (e) {
      if (e instanceof AppError) return showLogin(req, res, e.status, e.message, String(b.username ?? ''));
      throw e;
    }
  });
  guardedRoute(r, '', 'POST', '/logout', ANY_ROLE, async (req, res) => {
    // Leaving the console leaves the desk: nobody rings a phone whose owner logged out.
    if (req.principal) await goOffDuty(ctx, req.principal, { force: true });
    if (req.principal?.sessionId) await createSessionStore(ctx).destroy(req.principal.sessionId);
    res.clearCookie(SESSION_COOKIE, cookieOptions(ctx.config));
    res.redirect(303, '/login');
  });
  consoleRoute(r, 'POST', '/console/language', ANY_ROLE, async (req, res) => {
    await setUserLanguage(ctx, req.principal!, (req.body as Record<string, unknown>)?.language);
    res.redirect(303, safeBack(req.get('referer'), '/console'));
  });
  // The site's root is the console: its home when signed in, else its login.
  guardedRoute(r, '', 'GET', '/', 'public', (req, res) => res.redirect(303, req.principal ? '/console' : '/login'));
  guardedRoute(r, '', 'GET', '/console', ANY_ROLE, (req, res) => res.redirect(303, homeOf(req.principal!.role)));
  guardedRoute(r, '', 'GET', '/console/assets/console.css', 'public', (_req, res) =>
    res.type('css').set('Cache-Control', 'max-age=300').send(CONSOLE_CSS),
  );
  guardedRoute(r, '', 'GET', '/favicon.svg', 'public', (_req, res) =>
    res.type('image/svg+xml').set('Cache-Control', 'max-age=86400').send(FAVICON_SVG),
  );
  // Browsers ask for /favicon.ico on pages without an icon link (JSON answers, Bull Board's assets).
  guardedRoute(r, '', 'GET', '/favicon.ico', 'public', (_req, res) => res.redirect(301, '/favicon.svg'));
  guardedRoute(r, '', 'GET', '/console/assets/queue.js', 'public', (_req, res) =>
    res.type('js').set('Cache-Control', 'max-age=300').send(QUEUE_JS),
  );
  guardedRoute(r, '', 'GET', '/console/assets/schedule.js', 'public', (_req, res) =>
    res.type('js').set('Cache-Control', 'max-age=300').send(SCHEDULE_JS),
  );
  return r;
}
