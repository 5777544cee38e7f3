import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  ceilToMinutes,
  formatCallTime,
  formatInstant,
  isTimeZone,
  parseLocalInput,
  toLocalInput,
  zoneCity,
} from '../../src/shared/local-time.js';

// Times shown to staff are read in the viewer's zone, and a supervised call's also in the relative's.
const at = new Date('2026-07-01T11:00:00Z'); // summer: Kyiv UTC+3, Moscow UTC+3, Warsaw UTC+2

test('an instant is shown in the zone asked for, to the minute or the second', { timeout: 5_000 }, () => {
  assert.equal(formatInstant(at, 'Europe/Kyiv'), '2026-07-01 14:00');
  assert.equal(formatInstant(at, 'UTC'), '2026-07-01 11:00');
  assert.equal(formatInstant('2026-01-15T23:30:05Z', 'Europe/Kyiv', { seconds: true }), '2026-01-16 01:30:05');
  assert.equal(formatInstant(null, 'Europe/Kyiv'), '');
});

test('a call time names both cities when the clocks differ, one when they agree', { timeout: 5_000 }, () => {
  const winter = new Date('2026-01-15T12:00:00Z'); // Kyiv UTC+2, Moscow UTC+3
  assert.equal(formatCallTime(winter, 'Europe/Kyiv', 'Europe/Moscow', 'en'), '2026-01-15 14:00 Kyiv · 15:00 Moscow');
  assert.equal(formatCallTime(winter, 'Europe/Kyiv', 'Europe/Moscow', 'uk'), '2026-01-15 14:00 Київ · 15:00 Москва');
  assert.equal(formatCallTime(winter, 'Europe/Moscow', 'Europe/Moscow', 'en'), '2026-01-15 15:00 Moscow');
  // Different zones whose clocks read the same (Kyiv and Moscow in summer) need no second time.
  assert.equal(formatCallTime(at, 'Europe/Kyiv', 'Europe/Moscow', 'en'), '2026-07-01 14:00 Kyiv');
  assert.equal(formatCallTime(winter, 'Europe/Kyiv', null, 'en'), '2026-01-15 14:00 Kyiv');
  // The relative's date is given when it is another day there.
  assert.equal(
    formatCallTime(new Date('2026-01-15T21:30:00Z'), 'Europe/Kyiv', 'Asia/Novosibirsk', 'en'),
    '2026-01-15 23:30 Kyiv · 2026-01-16 04:30 Novosibirsk',
  );
  assert.equal(zoneCity('America/New_York', 'uk'), 'New York');
});

test('on the day clocks change the offset follows the zone', { timeout: 5_000 }, () => {
  // Europe/Kyiv moves from UTC+2 to UTC+3 at 01:00 UTC on 29 March 2026; Moscow stays UTC+3.
  assert.equal(
    formatCallTime(new Date('2026-03-29T00:30:00Z'), 'Europe/Kyiv', 'Europe/Moscow', 'en'),
    '2026-03-29 02:30 Kyiv · 03:30 Moscow',
  );
  assert.equal(formatCallTime(new Date('2026-03-29T01:30:00Z'), 'Europe/Kyiv', 'Europe/Moscow', 'en'), '2026-03-29 04:30 Kyiv');
  // A form's local time on that day is read with the offset in force then.
  assert.equal(parseLocalInput('2026-03-29T02:30', 'Europe/Kyiv')?.toISOString(), '2026-03-29T00:30:00.000Z');
  assert.equal(parseLocalInput('2026-03-29T05:00', 'Europe/Kyiv')?.toISOString(), '2026-03-29T02:00:00.000Z');
});

test('datetime-local values round-trip in the viewer zone; values with an offset keep it', { timeout: 5_000 }, () => {
  const d = new Date('2026-01-15T12:05:00Z');
  assert.equal(toLocalInput(d, 'Europe/Moscow'), '2026-01-15T15:05');
  assert.equal(parseLocalInput(toLocalInput(d, 'Europe/Moscow'), 'Europe/Moscow')?.getTime(), d.getTime());
  assert.equal(parseLocalInput('2026-01-15T12:05:00Z', 'Europe/Moscow')?.getTime(), d.getTime());
  assert.equal(parseLocalInput('2026-01-15T15:05+03:00', 'UTC')?.getTime(), d.getTime());
  assert.equal(parseLocalInput('tomorrow', 'Europe/Kyiv'), undefined);
  assert.equal(parseLocalInput(undefined, 'Europe/Kyiv'), undefined);
});

test('a default start is rounded up, never down, and zones are checked by name', { timeout: 5_000 }, () => {
  assert.equal(ceilToMinutes(new Date('2026-01-15T12:00:01.500Z')).toISOString(), '2026-01-15T12:01:00.000Z');
  assert.equal(ceilToMinutes(new Date('2026-01-15T12:01:00Z'), 5).toISOString(), '2026-01-15T12:05:00.000Z');
  assert.equal(ceilToMinutes(new Date('2026-01-15T12:05:00Z'), 5).toISOString(), '2026-01-15T12:05:00.000Z');
  assert.ok(isTimeZone('Europe/Kyiv'));
  assert.ok(isTimeZone('UTC'));
  assert.ok(!isTimeZone('Mars/Olympus'));
  assert.ok(!isTimeZone(''));
});
