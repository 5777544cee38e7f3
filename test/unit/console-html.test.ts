import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, html, trusted } from '../../src/console/html.js';
import { safeBack } from '../../src/console/routes/safe-back.js';
import { en } from '../../src/console/i18n-en.js';
import { uk } from '../../src/console/i18n-uk.js';
import { stateLabel, translator } from '../../src/console/i18n.js';
import { CALL_STATES as QUEUE_STATES } from '../../src/calls/call-states.js';

test('html escapes text and attribute contexts; only SafeHtml passes through', { timeout: 30_000 }, () => {
  assert.equal(escapeHtml(`<a href='x' onclick="y">&\``), '&lt;a href=&#39;x&#39; onclick=&quot;y&quot;&gt;&amp;&#96;');
  assert.equal(html`<p>${'<b>'}${trusted('<i>ok</i>')}${null}${false}${0}</p>`.toString(), '<p>&lt;b&gt;<i>ok</i>0</p>');
  assert.equal(html`${new Date('2026-01-02T03:04:05Z')}`.toString(), '2026-01-02T03:04:05.000Z');
});

test('redirect targets stay on this site (no open redirect)', { timeout: 30_000 }, () => {
  assert.equal(safeBack('/console/queue?state=scheduled', '/x'), '/console/queue?state=scheduled');
  assert.equal(safeBack('http://127.0.0.1:3000/console/tasks', '/x'), '/console/tasks');
  for (const bad of ['//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'evil', '']) {
    assert.ok(!safeBack(bad, '/x').startsWith('//') && safeBack(bad, '/x').startsWith('/'), bad);
  }
  assert.equal(safeBack('//evil.example/x', '/x'), '/x');
  assert.equal(safeBack('https://evil.example//again', '/x'), '/x');
});

test('Ukrainian and English have the same keys, every queue state is labelled in both', { timeout: 30_000 }, () => {
  assert.deepEqual(Object.keys(uk).sort(), Object.keys(en).sort());
  for (const lang of ['uk', 'en'] as const) {
    const t = translator(lang);
    for (const s of QUEUE_STATES) assert.notEqual(stateLabel(t, s), s, `${lang} ${s}`);
  }
  assert.equal(stateLabel(translator('en'), 'some_new_state'), 'some_new_state');
});
