import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isWithinOperatorHours } from '../../src/hotline/operator-hours.js';
import type { Config } from '../../src/config/config.js';

const hours = (start: string, end: string, operatorTimeZone: string) =>
  ({ operatorHoursStart: start, operatorHoursEnd: end, operatorTimeZone }) as Config['hotline'];

describe('operator hours', () => {
  it('a day range in the operators’ zone, to the minute, including the minute boundaries', { timeout: 30_000 }, () => {
    const kyiv = hours('09:00', '18:00', 'Europe/Kyiv'); // UTC+2 in winter
    assert.equal(isWithinOperatorHours(kyiv, new Date('2026-11-25T06:59:59.999Z')), false);
    assert.equal(isWithinOperatorHours(kyiv, new Date('2026-11-25T07:00:00.000Z')), true);
    assert.equal(isWithinOperatorHours(kyiv, new Date('2026-11-25T15:59:59.999Z')), true);
    assert.equal(isWithinOperatorHours(kyiv, new Date('2026-11-25T16:00:00.000Z')), false);
    // Back to a time inside after the cache moved on: the answer follows the clock, not the cache.
    assert.equal(isWithinOperatorHours(kyiv, new Date('2026-11-25T10:30:00.000Z')), true);
  });
  it('a range that crosses midnight', { timeout: 30_000 }, () => {
    const night = hours('22:00', '06:00', 'UTC');
    assert.equal(isWithinOperatorHours(night, new Date('2026-11-25T23:15:00Z')), true);
    assert.equal(isWithinOperatorHours(night, new Date('2026-11-25T05:59:00Z')), true);
    assert.equal(isWithinOperatorHours(night, new Date('2026-11-25T06:00:00Z')), false);
    assert.equal(isWithinOperatorHours(night, new Date('2026-11-25T12:00:00Z')), false);
  });
  it('each zone keeps its own local time, and a summer-time change is followed', { timeout: 30_000 }, () => {
    const moscow = hours('09:00', '10:00', 'Europe/Moscow'); // UTC+3, no summer time
    const kyiv = hours('09:00', '10:00', 'Europe/Kyiv');
    const at = new Date('2026-07-01T06:30:00Z'); // Moscow 09:30, Kyiv 09:30 (UTC+3 in summer)
    assert.equal(isWithinOperatorHours(moscow, at), true);
    assert.equal(isWithinOperatorHours(kyiv, at), true);
    const winter = new Date('2026-12-01T06:30:00Z'); // Moscow 09:30, Kyiv 08:30
    assert.equal(isWithinOperatorHours(moscow, winter), true);
    assert.equal(isWithinOperatorHours(kyiv, winter), false);
    const nepal = hours('12:00', '12:01', 'Asia/Kathmandu'); // UTC+5:45
    assert.equal(isWithinOperatorHours(nepal, new Date('2026-11-25T06:15:30Z')), true);
    assert.equal(isWithinOperatorHours(nepal, new Date('2026-11-25T06:16:00Z')), false);
  });
});
