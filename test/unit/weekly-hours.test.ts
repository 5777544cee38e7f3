import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { everyDay, formatWeeklyHours, parseWeeklyHours, type WeeklyHours } from '../../src/facilities/weekly-hours.js';
import { isWithinWeeklyHours } from '../../src/facilities/within-weekly-hours.js';

const parsed = (text: string): WeeklyHours => {
  const r = parseWeeklyHours(text);
  if (!r.ok) throw new Error(r.problem);
  return r.hours;
};
const problem = (text: string): string => {
  const r = parseWeeklyHours(text);
  assert.equal(r.ok, false, text);
  return r.ok ? '' : r.problem;
};

describe('weekly call hours text (A-08)', () => {
  it('parses ranges, lists, wrapping ranges and "every day", and formats them canonically', { timeout: 30_000 }, () => {
    const h = parsed('mon-fri 09:00-18:00; sat 10:00-14:00');
    assert.deepEqual(h.mon, { start: '09:00', end: '18:00' });
    assert.deepEqual(h.sat, { start: '10:00', end: '14:00' });
    assert.equal(h.sun, null);
    assert.equal(formatWeeklyHours(h), 'mon-fri 09:00-18:00; sat 10:00-14:00');
    assert.equal(formatWeeklyHours(parsed('Every day 0:00-24:00')), 'mon-sun 00:00-24:00');
    assert.equal(formatWeeklyHours(parsed('fri-mon 08:00-12:00')), 'mon 08:00-12:00; fri-sun 08:00-12:00');
    assert.equal(formatWeeklyHours(parsed('wed,mon 09:00 - 10:00\ntue 09:00-10:00')), 'mon-wed 09:00-10:00');
    assert.equal(formatWeeklyHours(parsed('none')), 'none');
    assert.equal(formatWeeklyHours(parsed(formatWeeklyHours(h))), formatWeeklyHours(h));
  });

  it('refuses hours that end before they start, unknown days, bad times and a day given twice', { timeout: 30_000 }, () => {
    assert.match(problem('mon-fri 18:00-09:00'), /end \(09:00\) before they start \(18:00\)/);
    assert.match(problem('mon 09:00-09:00'), /before they start/);
    assert.match(problem('mox 09:00-10:00'), /not a day/);
    assert.match(problem('mon 09:00-25:00'), /HH:MM/);
    assert.match(problem('mon 24:00-24:00'), /HH:MM/);
    assert.match(problem('mon-fri 09:00-18:00; fri 10:00-12:00'), /fri is given twice/);
    assert.match(problem(''), /empty/);
    assert.match(problem('09:00-18:00'), /not days and hours/);
  });
});

describe('per-weekday facility hours in the facility zone (O-01)', () => {
  const weekdays = parsed('mon-fri 09:00-18:00; sat 10:00-14:00');
  it('a weekday without hours refuses; each day uses its own window', { timeout: 30_000 }, () => {
    // 2026-03-06 is a Friday, 03-07 a Saturday, 03-08 a Sunday; Kyiv is UTC+2 in March before the change.
    assert.equal(isWithinWeeklyHours(weekdays, 'Europe/Kyiv', new Date('2026-03-06T15:00:00Z'), 30), true); // Fri 17:00
    assert.equal(isWithinWeeklyHours(weekdays, 'Europe/Kyiv', new Date('2026-03-07T15:00:00Z'), 30), false); // Sat 17:00
    assert.equal(isWithinWeeklyHours(weekdays, 'Europe/Kyiv', new Date('2026-03-07T08:00:00Z'), 30), true); // Sat 10:00
    assert.equal(isWithinWeeklyHours(weekdays, 'Europe/Kyiv', new Date('2026-03-08T08:00:00Z'), 30), false); // Sun
    assert.equal(isWithinWeeklyHours(weekdays, 'Europe/Kyiv', new Date('2026-03-06T15:45:00Z'), 30), false); // Fri 17:45 + 30
  });

  it('the window follows the wall clock across a DST change', { timeout: 30_000 }, () => {
    // Kyiv moves from UTC+2 to UTC+3 on Sunday 2026-03-29: 09:00 local is 07:00Z on Friday 27th, 06:00Z on Monday 30th.
    assert.equal(isWithinWeeklyHours(weekdays, 'Europe/Kyiv', new Date('2026-03-27T06:30:00Z'), 10), false); // Fri 08:30
    assert.equal(isWithinWeeklyHours(weekdays, 'Europe/Kyiv', new Date('2026-03-27T07:00:00Z'), 10), true); // Fri 09:00
    assert.equal(isWithinWeeklyHours(weekdays, 'Europe/Kyiv', new Date('2026-03-30T06:00:00Z'), 10), true); // Mon 09:00
    assert.equal(isWithinWeeklyHours(weekdays, 'Europe/Kyiv', new Date('2026-03-30T05:30:00Z'), 10), false); // Mon 08:30
    // On the change day itself a window 00:00-24:00 has 23 hours and still covers the whole day.
    const always = everyDay('00:00', '24:00');
    assert.equal(isWithinWeeklyHours(always, 'Europe/Kyiv', new Date('2026-03-29T00:50:00Z'), 20), true);
  });

  it('a call passes midnight only between a day ending at 24:00 and one starting at 00:00', { timeout: 30_000 }, () => {
    const nights = parsed('mon 20:00-24:00; tue 00:00-02:00; wed 20:00-23:00');
    assert.equal(isWithinWeeklyHours(nights, 'UTC', new Date('2026-03-02T23:50:00Z'), 20), true); // Mon 23:50 -> Tue 00:10
    assert.equal(isWithinWeeklyHours(nights, 'UTC', new Date('2026-03-03T01:50:00Z'), 20), false); // Tue 01:50 -> 02:10
    assert.equal(isWithinWeeklyHours(nights, 'UTC', new Date('2026-03-04T22:50:00Z'), 20), false); // Wed 22:50 -> 23:10
  });
});
