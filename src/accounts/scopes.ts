/** Scopes an API token may be limited to; a token with no scopes may do whatever its user's role may. */
export const API_SCOPES = [
  'detainees:read',
  'detainees:write',
  'enquiries:read',
  'enquiries:write',
  'messages:read',
  'messages:write',
  'tasks:read',
  'tasks:write',
  'calls:read',
  'calls:write',
  'audit:read',
  'users:read',
  'users:write',
  'facilities:read',
  'facilities:write',
  'desk:read',
  'desk:write',
] as const;
export type ApiScope = (typeof API_SCOPES)[number];
