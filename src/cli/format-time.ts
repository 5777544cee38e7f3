import { DateTime } from 'luxon';

/** A time as the command line prints it: compact, in the operators' zone (OPERATOR_TIME_ZONE), with the zone. */
export function formatTime(at: string | Date, zone: string): string {
  const t = typeof at === 'string' ? DateTime.fromISO(at) : DateTime.fromJSDate(at);
  return t.setZone(zone).toFormat('yyyy-MM-dd HH:mm ZZZZ');
}
