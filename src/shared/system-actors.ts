/**
 * Who writes audit entries when no person acts: the call machinery and its timers (`system`), the carrier's
 * callbacks (`carrier`) and the caller's voice menu (`hotline`). The audit list keeps them apart from people's
 * access (S-06), and no user may take one of these names.
 */
export const SYSTEM_ACTORS = ['system', 'carrier', 'hotline'] as const;
