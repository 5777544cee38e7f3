import type { CookieOptions, Request } from 'express';
import type { Config } from '../config/config.js';

export const SESSION_COOKIE = 'kl_sid';
/** Double-submit cookie for the login form, which has no session yet to bind a CSRF token to. */
export const LOGIN_CSRF_COOKIE = 'kl_lcsrf';

/** httpOnly, SameSite=Strict, Secure whenever the public URL is https. */
export function cookieOptions(config: Config, maxAgeMs?: number): CookieOptions {
  return {
    httpOnly: true,
    sameSite: 'strict',
    secure: config.http.publicBaseUrl.startsWith('https:'),
    path: '/',
    ...(maxAgeMs ? { maxAge: maxAgeMs } : {}),
  };
}

/** Reads one cookie without a parser middleware (the auth resolver runs before any body or cookie parsing). */
export function readCookie(req: Request, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i < 0) continue;
    if (part.slice(0, i).trim() === name) {
      try {
        return decodeURIComponent(part.slice(i + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}
