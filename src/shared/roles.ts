/**
 * The staff roles. Admin does not imply the others: each route names the roles it allows. The caller desk sees
 * status categories and call-request state only, never places, lines or full numbers (O-03).
 */
export const ROLES = ['operator', 'supervisor', 'admin', 'caller_desk'] as const;
export type Role = (typeof ROLES)[number];
