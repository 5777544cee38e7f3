import { DateTime } from 'luxon';
import type { Config } from '../config/config.js';

/** True inside the configured operator hours, in OPERATOR_TIME_ZONE; a range may cross midnight. */
export function isWithinOperatorHours(hotline: Config['hotline'], now: Date): boolean {
  const t = DateTime.fromJSDate(now, { zone: hotline.operatorTimeZone }).toFormat('HH:mm');
  const { operatorHoursStart: start, operatorHoursEnd: end } = hotline;
  return start <= end ? t >= start && t < end : t >= start || t < end;
}
