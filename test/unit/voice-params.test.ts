import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseVoiceParams, voiceParamsSchema } from '../../src/hotline/voice-params.js';

const SID = `CA${'a1'.repeat(16)}`;

describe('parseVoiceParams: the precompiled check agrees with voiceParamsSchema', () => {
  it('on thousands of random and malformed bodies', { timeout: 30_000 }, () => {
    // Seeded, so a failure can be replayed.
    let seed = 20261124;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(a: readonly T[]): T => a[Math.floor(random() * a.length)];
    const value = (): unknown =>
      pick([
        () => SID, () => `CA${Math.floor(random() * 1e9).toString(16).padStart(32, 'f').toUpperCase()}`, () => 'CA123', () => '', () => '1', () => '1234#',
        () => '7'.repeat(Math.floor(random() * 5000)), () => 'x'.repeat(pick([15, 16, 17, 31, 32, 33, 63, 64, 65, 511, 512, 513])),
        () => [SID, 'CA0'], () => [], () => ['1', '2'], () => 'Привіт 😀', () => 42, () => null, () => undefined,
      ])();
    const keys = ['CallSid', 'From', 'To', 'Digits', 'CallStatus', 'StirVerstat', 'RecordingSid', 'RecordingUrl', 'RecordingDuration', 'RecordingStatus', 'SequenceNumber', 'CallDuration', 'QueuePosition', 'Other', ''];
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const body: Record<string, unknown> = {};
      for (const k of keys) {
        if (random() >= (k === 'CallSid' ? 0.9 : 0.2)) continue;
        body[k] = random() < 0.7 ? (k === 'CallSid' ? SID : pick(['', '1', '+79161234567', 'completed', '12'])) : value();
      }
      const zod = voiceParamsSchema.safeParse(body);
      const fast = parseVoiceParams(body);
      assert.equal(fast !== undefined, zod.success, JSON.stringify(body).slice(0, 300));
      if (zod.success) {
        accepted++;
        assert.deepEqual(fast, Object.fromEntries(Object.entries(zod.data).filter(([, v]) => v !== undefined)));
      }
    }
    assert.ok(accepted > 1000, `enough accepted bodies to compare: ${accepted}`);
    assert.ok(accepted < 4900, `enough refused bodies to compare: ${accepted}`);
  });

  it('clips Digits to 64 and refuses a non-string CallSid', { timeout: 30_000 }, () => {
    assert.equal(parseVoiceParams({ CallSid: SID, Digits: '7'.repeat(300) })?.Digits?.length, 64);
    assert.equal(parseVoiceParams({ CallSid: [SID, 'x'] })?.CallSid, SID);
    assert.equal(parseVoiceParams({ CallSid: 5 }), undefined);
    assert.equal(parseVoiceParams({ CallSid: SID, From: 'x'.repeat(65) }), undefined);
  });
});
