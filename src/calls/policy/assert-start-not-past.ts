import { AppError } from '../../shared/errors.js';

/**
 * How long ago a start may be and still mean "now": the forms choose starts to the minute and offer the current
 * one (default-approve-start.ts), which a supervisor submits a little later.
 */
export const START_GRACE_MS = 5 * 60_000;

/** O-01: a call is scheduled, approved or moved only for a start that has not passed. */
export function assertStartNotPast(startAt: Date, now: Date): void {
  if (startAt.getTime() < now.getTime() - START_GRACE_MS)
    throw new AppError('start_in_past', 'the start time has passed: choose a time from now on', 422);
}
