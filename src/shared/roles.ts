/** The staff roles. Admin does not imply the others: each route names the roles it allows. */
export const ROLES = ['operator', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];
