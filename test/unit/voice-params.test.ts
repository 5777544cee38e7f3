import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { parseVoiceParams, voiceParamsSchema } from '../../src/hotline/voice-params.js';

const SID = `CA${'a1'.repeat(16)}`;

describe('parseVoiceParams: the precompiled check agrees with voiceParamsSchema', () => {
  it('on thousands of random and malformed bodies', () => {
    const pick = <T>(a: readonly T[]): T => a[Math.floor(Math.random() * a.length)];
    const value = (): unknown =>
      pick([
        () => SID, () => `CA${randomBytes(16).toString('hex').toUpperCase()}`, () => 'CA123', () => '', () => '1', () => '1234#',
        () => '7'.repeat(Math.floor(Math.random() * 5000)), () => 'x'.repeat(pick([15, 16, 17, 31, 32, 33, 63, 64, 65, 511, 512, 513])),
        () => [SID, 'CA0'], () => [], () => ['1', '2'], () => 'Привіт 😀', () => 42, () => null, () => undefined,
      ])();
    const keys = ['CallSid', 'From', 'To', 'Digits', 'CallStatus', 'StirVerstat', 'RecordingSid', 'RecordingUrl', 'RecordingDuration', 'RecordingStatus', 'SequenceNumber', 'CallDuration', 'QueuePosition', 'Other', ''];
    let accepted = 0;
    for (let i = 0; i < 5000; i++) {
      const body: Record<string, unknown> = {};
      for (const k of keys) if (Math.random() < (k === 'CallSid' ? 0.9 : 0.4)) body[k] = value();
      const zod = voiceParamsSchema.safeParse(body);
      const fast = parseVoiceParams(body);
      assert.equal(fast !== undefined, zod.success, JSON.stringify(body).slice(0, 300));
      if (zod.success) {
        accepted++;
        assert.deepEqual(fast, Object.fromEntries(Object.entries(zod.data).filter(([, v]) => v !== undefined)));
      }
    }
    assert.ok(accepted > 100, `enough accepted bodies to compare: ${accepted}`);
  });

  it('clips Digits to 64 and refuses a non-string CallSid', () => {
    assert.equal(parseVoiceParams({ CallSid: SID, Digits: '7'.repeat(300) })?.Digits?.length, 64);
    assert.equal(parseVoiceParams({ CallSid: [SID, 'x'] })?.CallSid, SID);
    assert.equal(parseVoiceParams({ CallSid: 5 }), undefined);
    assert.equal(parseVoiceParams({ CallSid: SID, From: 'x'.repeat(65) }), undefined);
  });
});
