import type { Role } from './roles.js';

/** Who is making a request: a console session or an API token. */
export interface Principal {
  userId: number;
  username: string;
  role: Role;
  via: 'session' | 'token';
  /** Token scopes; empty means the token may do everything its user's role may. */
  scopes: string[];
  language: string;
  /** The IANA zone times are shown in: the user's own, or OPERATOR_TIME_ZONE. */
  timeZone?: string;
  /** Console sessions only: the CSRF token bound to the session. */
  csrfToken?: string;
  sessionId?: string;
}

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}
