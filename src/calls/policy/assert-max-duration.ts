import type { Facility } from '../../storage/schema.js';
import { AppError } from '../../shared/errors.js';

/** a call may last at most the facility's max_call_minutes. */
export function assertMaxDuration(facility: Facility, maxMinutes: number): void {
  if (maxMinutes > facility.max_call_minutes) {
    throw new AppError('max_duration_exceeded', `the facility allows calls of at most ${facility.max_call_minutes} minutes`, 422);
  }
}
