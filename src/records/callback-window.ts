import { DateTime } from 'luxon';

/**
 * The callback windows a family chooses on the hotline (flows/hotline/flow.yaml, bad_news_window), in the
 * family's own time zone: [start hour, end hour). 'any' (or none chosen) is the whole day.
 */
export const CALLBACK_WINDOWS: Record<string, readonly [number, number]> = {
  morning: [8, 12],
  afternoon: [12, 17],
  evening: [17, 21],
};

/** A retry comes no sooner than this after a no answer, so the family is not rung again at once. */
export const RETRY_GAP_MINUTES = 60;

const hoursOf = (window: string | null) => (window ? CALLBACK_WINDOWS[window] : undefined);

/** Whether `at` lies inside the family's window (always, for 'any'). */
export function insideWindow(window: string | null, zone: string, at: Date): boolean {
  const h = hoursOf(window);
  if (!h) return true;
  const hour = DateTime.fromJSDate(at, { zone }).hour;
  return hour >= h[0] && hour < h[1];
}

/**
 * The next attempt after a no answer: at least RETRY_GAP_MINUTES later and inside the family's window, i.e. later
 * today if the window still has room, else when the window opens next.
 */
export function nextAttemptAt(window: string | null, zone: string, after: Date): Date {
  const earliest = DateTime.fromJSDate(after, { zone }).plus({ minutes: RETRY_GAP_MINUTES });
  const h = hoursOf(window);
  if (!h) return earliest.toJSDate();
  for (let day = 0; day < 3; day++) {
    const d = earliest.plus({ days: day });
    const open = d.set({ hour: h[0], minute: 0, second: 0, millisecond: 0 });
    const close = d.set({ hour: h[1], minute: 0, second: 0, millisecond: 0 });
    const t = day === 0 && earliest > open ? earliest : open;
    if (t >= earliest && t < close) return t.toJSDate();
  }
  return earliest.toJSDate();
}
