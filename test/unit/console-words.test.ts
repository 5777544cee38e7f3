import { test } from 'node:test';
import assert from 'node:assert/strict';
import { untranslated } from '../support/console-words.js';

// The Ukrainian page walk's word check: it must find what it is there to find, and nothing in Ukrainian text.
test('the walk finds codes, snake_case and English interface words, and passes Ukrainian text', { timeout: 5_000 }, () => {
  assert.deepEqual(
    untranslated('Статус: Утримується · Ви увійшли як test-caller_desk (Довідкова служба) · Europe/Kyiv · +380441234567'),
    [],
  );
  assert.deepEqual(untranslated('Статус: held'), ['held']);
  assert.deepEqual(untranslated('Дія: detainee.view'), ['detainee.view']);
  assert.deepEqual(untranslated('Причина: made_up_code'), ['made_up_code']);
  assert.deepEqual(untranslated('consent_calls_missing: …'), ['consent_calls_missing']);
  assert.deepEqual(untranslated('Кнопка Approve'), ['Approve']);
  assert.deepEqual(untranslated('Мови: uk / ru', ['uk']), ['ru'], 'an allowlisted word passes');
});
