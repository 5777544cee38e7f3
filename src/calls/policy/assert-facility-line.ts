import type { AppContext } from '../../app-context.js';
import { AppError } from '../../shared/errors.js';

/** Only known facility lines are dialled (toll fraud, twilio-notes TW-35): the line must belong to the detainee's facility. */
export async function assertFacilityLine(ctx: AppContext, facilityId: number, line: string): Promise<void> {
  if (!(await ctx.repos.facilityLines.isLineOf(facilityId, line))) {
    throw new AppError(
      'unknown_facility_line',
      "that phone is not a line of the detainee's facility: choose one of its lines, or ask an administrator to add it " +
        '(console: Facilities; CLI: kinline facility line add)',
      422,
    );
  }
}
