import type { Config } from '../config/config.js';

// One formatter per time zone: building an Intl formatter is the expensive part (luxon built one per call),
// and formatting the next; the local time is kept for the minute it was computed in, so formatting runs once
// a minute rather than for every call that asks for an operator. Zone offsets change on whole minutes.
const formatters = new Map<string, { format: Intl.DateTimeFormat; minute: number; hhmm: string }>();
function hhmm(timeZone: string, now: Date): string {
  let f = formatters.get(timeZone);
  if (!f)
    formatters.set(
      timeZone,
      (f = {
        format: new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
        minute: NaN,
        hhmm: '',
      }),
    );
  const minute = Math.floor(now.getTime() / 60_000);
  if (minute !== f.minute) {
    f.hhmm = f.format.format(now);
    f.minute = minute;
  }
  return f.hhmm;
}

/** True inside the configured operator hours, in OPERATOR_TIME_ZONE; a range may cross midnight. */
export function isWithinOperatorHours(hotline: Config['hotline'], now: Date): boolean {
  const t = hhmm(hotline.operatorTimeZone, now);
  const { operatorHoursStart: start, operatorHoursEnd: end } = hotline;
  return start <= end ? t >= start && t < end : t >= start || t < end;
}
