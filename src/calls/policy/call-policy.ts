import type { AppContext } from '../../app-context.js';
import type { Contact, Detainee, Facility } from '../../storage/schema.js';
import { assertConsentAllowsCalls } from './assert-consent-allows-calls.js';
import { assertMaxDuration } from './assert-max-duration.js';
import { assertFacilityLine } from './assert-facility-line.js';
import { assertWithinCallHours, contactHoursOf } from './assert-within-call-hours.js';
import type { WeeklyHours } from '../../facilities/weekly-hours.js';
import { assertWeeklyQuota } from './assert-weekly-quota.js';
import { assertNoOverlap } from './assert-no-overlap.js';
import { assertStartNotPast } from './assert-start-not-past.js';

/**
 * When a rule is checked: `schedule` when a supervisor schedules or approves a call, `dial` just before the
 * worker dials, `preview` in the console's request form (nothing is created), `retry` for the time of a retry.
 */
export type PolicyMoment = 'schedule' | 'dial' | 'preview' | 'retry';

/** Who the call is for, loaded once by loadPolicySubject. */
export interface PolicySubject {
  detainee: Detainee;
  contact: Contact;
  facility: Facility;
  /** The facility's call hours per weekday, in its zone. */
  facilityHours: WeeklyHours;
}

/** The call being judged. The facility line and the supervisor are known from scheduling on. */
export interface PolicyCase {
  startAt: Date;
  maxMinutes: number;
  facilityLine?: string;
  supervisorPhone?: string;
  /** A call that is being moved does not clash with itself. */
  excludeId?: string;
}

export interface PolicyRule {
  /** The rule's name in the console's policy preview. */
  code: string;
  moments: readonly PolicyMoment[];
  /**
   * What a refusal does to a call re-checked at dial time: `later_slot` moves it to the first slot every such
   * rule allows (O-01: a backlog must not cost a family its call); `end` fails it, as no retry can make it pass.
   */
  onRefusal: 'later_slot' | 'end';
  /** The rule reads the start, so the preview cannot judge it before a start is chosen. */
  needsStart: boolean;
  /** Throws an AppError whose code and message name the refusal for the API client and the console. */
  check(ctx: AppContext, s: PolicySubject, c: PolicyCase): Promise<void> | void;
}

/** The facility line and the supervisor exist from scheduling on; a rule that needs them is not run before. */
function known(value: string | undefined, what: string): string {
  if (value === undefined) throw new Error(`call policy: ${what} is needed for this rule`);
  return value;
}

/** Every call-policy rule (O-01, A-08, D-01, D-05, D-09, C-11), in the order they are checked. */
export const CALL_POLICY: readonly PolicyRule[] = [
  {
    code: 'consent',
    moments: ['schedule', 'dial', 'preview'],
    onRefusal: 'end',
    needsStart: false,
    check: (ctx, s) => assertConsentAllowsCalls(ctx, s.contact),
  },
  {
    code: 'max_duration',
    moments: ['schedule', 'preview'],
    onRefusal: 'end',
    needsStart: false,
    check: (_ctx, s, c) => assertMaxDuration(s.facility, c.maxMinutes),
  },
  {
    code: 'facility_line',
    moments: ['schedule', 'dial'],
    onRefusal: 'end',
    needsStart: false,
    check: (ctx, s, c) => assertFacilityLine(ctx, s.facility.id, known(c.facilityLine, 'the facility line')),
  },
  {
    code: 'not_past',
    moments: ['schedule'],
    onRefusal: 'end',
    needsStart: true,
    check: (ctx, _s, c) => assertStartNotPast(c.startAt, ctx.clock.now()),
  },
  {
    code: 'hours',
    moments: ['schedule', 'dial', 'preview', 'retry'],
    onRefusal: 'later_slot',
    needsStart: true,
    check: (_ctx, s, c) =>
      assertWithinCallHours({ hours: s.facilityHours, zone: s.facility.time_zone }, contactHoursOf(s.contact), c.startAt, c.maxMinutes),
  },
  {
    code: 'weekly_quota',
    moments: ['schedule', 'preview'],
    onRefusal: 'end',
    needsStart: true,
    check: (ctx, s, c) =>
      assertWeeklyQuota(ctx, {
        detaineeId: s.detainee.id,
        startAt: c.startAt,
        quota: s.facility.weekly_call_quota,
        zone: s.facility.time_zone,
        excludeId: c.excludeId,
      }),
  },
  {
    code: 'overlap',
    moments: ['schedule'],
    onRefusal: 'end',
    needsStart: true,
    check: (ctx, s, c) =>
      assertNoOverlap(ctx, {
        ...c,
        detaineeId: s.detainee.id,
        facilityLine: known(c.facilityLine, 'the facility line'),
        supervisorPhone: known(c.supervisorPhone, 'the supervisor'),
      }),
  },
];

/** The rules checked at `moment`, in list order. */
export const rulesAt = (moment: PolicyMoment): PolicyRule[] => CALL_POLICY.filter((r) => r.moments.includes(moment));
