import type { Config } from '../config/config.js';

// One formatter per time zone: building an Intl formatter is the expensive part (luxon built one per call).
const formatters = new Map<string, Intl.DateTimeFormat>();
function hhmm(timeZone: string, now: Date): string {
  let f = formatters.get(timeZone);
  if (!f) formatters.set(timeZone, (f = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  return f.format(now);
}

/** True inside the configured operator hours, in OPERATOR_TIME_ZONE; a range may cross midnight. */
export function isWithinOperatorHours(hotline: Config['hotline'], now: Date): boolean {
  const t = hhmm(hotline.operatorTimeZone, now);
  const { operatorHoursStart: start, operatorHoursEnd: end } = hotline;
  return start <= end ? t >= start && t < end : t >= start || t < end;
}
