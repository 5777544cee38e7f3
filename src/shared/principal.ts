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
  /** The local command line (LOCAL_CLI_PRINCIPAL): passes every role rule. */
  system?: boolean;
}

/**
 * The command line on the server's own machine, authenticated by the token the server leaves in DATA_DIR. It
 * may do what the database's owner may (it could open the database directly), so it passes every role rule;
 * the audit log names it by `username`.
 */
export const LOCAL_CLI_PRINCIPAL: Principal = Object.freeze({
  userId: 0,
  username: 'cli (local)',
  role: 'admin',
  via: 'token',
  scopes: [],
  language: 'en',
  system: true,
});

declare module 'express-serve-static-core' {
  interface Request {
    principal?: Principal;
  }
}
