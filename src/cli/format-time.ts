import { formatCallTime, formatInstant, zoneCity } from '../shared/local-time.js';
import type { ApiClient } from './api-client.js';

/** The zone the command line prints times in: the user's own (`GET /api/me`), else OPERATOR_TIME_ZONE. */
export async function viewerZone(api: ApiClient): Promise<string> {
  return (await api.get<{ timeZone: string }>('/api/me')).timeZone;
}

/** A time as the command line prints it: compact, in the viewer's zone, named by its city. */
export function formatTime(at: string | Date, zone: string): string {
  return `${formatInstant(at, zone)} ${zoneCity(zone, 'en')}`;
}

/** A call's time for the viewer and, when it differs, the relative: "2026-03-29 14:00 Kyiv · 15:00 Moscow". */
export function formatCallStart(at: string | Date, zone: string, relativeZone: string | null | undefined): string {
  return formatCallTime(at, zone, relativeZone, 'en');
}
