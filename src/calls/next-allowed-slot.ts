import { isWithinHours, type HoursWindow } from './policy/assert-within-call-hours.js';

const STEP_MS = 5 * 60_000;
const HORIZON_MS = 8 * 86_400_000;

/**
 * The first moment from `from` (rounded up to 5 minutes) at which the whole call fits into both calling-hours
 * windows (O-01); undefined when none does within a week and a day. Used when a dial job runs late
 * (a backlog) and the hours have closed: the call moves to the next slot rather than failing for good.
 */
export function nextAllowedSlot(windows: HoursWindow[], from: Date, durationMinutes: number): Date | undefined {
  const start = Math.ceil(from.getTime() / STEP_MS) * STEP_MS;
  for (let t = start; t <= start + HORIZON_MS; t += STEP_MS) {
    const at = new Date(t);
    if (windows.every((w) => isWithinHours(w, at, durationMinutes))) return at;
  }
  return undefined;
}
