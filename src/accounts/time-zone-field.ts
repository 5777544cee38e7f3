import { z } from 'zod';
import { isTimeZone } from '../shared/local-time.js';

/** A user's zone: an IANA name luxon knows; empty or null goes back to OPERATOR_TIME_ZONE. */
export const userTimeZone = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || null : v),
  z.string().max(64).refine(isTimeZone, 'is not a known IANA time zone such as Europe/Kyiv').nullable(),
);
