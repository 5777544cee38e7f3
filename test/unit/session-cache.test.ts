import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createSessionCache } from '../../src/hotline/session-cache.js';
import type { CallSession } from '../../src/hotline/call-session.js';

const session = (callSid: string, ended = false): CallSession => ({ callSid, from: '', turn: 1, data: {}, language: 'ru', step: 'main', attempts: {}, vars: {}, path: [], ended });

describe('session cache (in-process copies of Redis sessions)', () => {
  it('is bounded: the least recently stored entry goes first', () => {
    const c = createSessionCache(3);
    for (const sid of ['a', 'b', 'c']) c.set(sid, session(sid));
    c.set('a', session('a')); // refreshed: now the newest
    c.set('d', session('d'));
    assert.equal(c.size, 3);
    assert.equal(c.get('b'), undefined);
    assert.ok(c.get('a') && c.get('c') && c.get('d'));
  });
  it('forgets old entries and ended calls', () => {
    let now = 0;
    const c = createSessionCache(10, 1000, () => now);
    c.set('a', session('a'));
    c.set('b', session('b', true));
    assert.equal(c.get('b'), undefined, 'an ended call is not kept');
    now = 1001;
    assert.equal(c.get('a'), undefined);
    assert.equal(c.size, 0, 'the old entry was dropped and the ended call never stored');
  });
});
