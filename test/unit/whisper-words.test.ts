import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { whisperText } from '../../src/desk/whisper-words.js';

describe('the whisper says how long the caller waited (O-05)', () => {
  const said = (lang: 'uk' | 'ru' | 'en', waitedSeconds: number) => whisperText(lang, { language: 'ru', waitedSeconds, flags: [] });

  it('under a minute is "less than a minute", never "1 minute" after a few seconds', { timeout: 5_000 }, () => {
    assert.equal(said('en', 4), 'A caller in Russian, waiting less than a minute. To take the call, press 1.');
    assert.match(said('uk', 59), /очікує менше хвилини\./);
    assert.match(said('ru', 0), /ожидает меньше минуты\./);
  });

  it('a minute or more in whole minutes, in the right plural', { timeout: 5_000 }, () => {
    assert.match(said('en', 60), /waiting 1 minute\./);
    assert.match(said('en', 150), /waiting 3 minutes\./);
    assert.match(said('uk', 130), /очікує 2 хвилини\./);
    assert.match(said('ru', 300), /ожидает 5 минут\./);
  });
});
