import type { Role } from '../shared/roles.js';

/** Who works at the desk (O-05): operators and supervisors answer the hotline; administrators set it up. */
export const DESK_STAFF: readonly Role[] = ['operator', 'supervisor'];
