import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callPage } from '../../src/console/pages/call-page.js';
import { reasonLabel, translator } from '../../src/console/i18n.js';
import { reasonSelect } from '../../src/console/pages/reason-select.js';
import { APPROVE_REASONS, CANCEL_REASONS, DENY_REASONS, END_REASONS } from '../../src/calls/reason-codes.js';
import type { PageContext } from '../../src/console/page-context.js';
import type { Contact, Detainee, ScheduledCall } from '../../src/storage/schema.js';

// O-07, S-03: a live call's barge and end forms make the supervisor choose a reason; none is preselected.
const pc = (lang: 'uk' | 'en'): PageContext => ({ lang, t: translator(lang), csrf: 'x', path: '/console/calls/1', zone: 'Europe/Kyiv' });
const call = {
  id: '00000000-0000-4000-8000-000000000001',
  state: 'connected',
  start_at: new Date('2026-01-15T12:00:00Z'),
  updated_at: new Date('2026-01-15T12:00:30Z'),
  max_minutes: 10,
  language: 'ru',
  interpreter: false,
  final_reason: null,
} as unknown as ScheduledCall;
const detainee = { id: 1, family_name: 'Bondar', given_name: 'Oleh' } as Detainee;
const contact = { id: 2, name: 'Olena', phone: '+79161230000', time_zone: 'Europe/Moscow' } as Contact;

test('barge and end open on "Choose a reason", required, with no reason selected', { timeout: 5_000 }, () => {
  for (const lang of ['en', 'uk'] as const) {
    const page = callPage(pc(lang), {
      call,
      events: [],
      attempts: [],
      detainee,
      contact,
      names: {},
      monitorName: null,
      now: new Date('2026-01-15T12:01:00Z'),
    });
    for (const action of ['barge', 'end']) {
      const form = page.slice(page.indexOf(`/console/calls/${call.id}/${action}`));
      const select = form.slice(form.indexOf('<select'), form.indexOf('</select>'));
      assert.match(select, /name="reason" required>/, `${lang} ${action}`);
      assert.match(select, new RegExp(`^<select[^>]*><option value="" selected disabled>${translator(lang)('chooseReason')}</option>`));
      assert.equal(select.match(/ selected/g)?.length, 1, 'only the placeholder is selected');
    }
    // The call's time in the viewer's zone and the relative's (winter: Kyiv UTC+2, Moscow UTC+3).
    assert.ok(page.includes(lang === 'en' ? '2026-01-15 14:00 Kyiv · 15:00 Moscow' : '2026-01-15 14:00 Київ · 15:00 Москва'));
  }
});

test('every reason code has a name in Ukrainian and English, and the lists show the names', { timeout: 5_000 }, () => {
  const all = [...new Set([...DENY_REASONS, ...APPROVE_REASONS, ...CANCEL_REASONS, ...END_REASONS])];
  for (const lang of ['en', 'uk'] as const) {
    const t = translator(lang);
    for (const code of all) assert.notEqual(reasonLabel(t, code), code, `${lang} names ${code}`);
    const select = reasonSelect(pc(lang), 'r', END_REASONS).toString();
    assert.ok(select.includes(`value="time_exceeded">${reasonLabel(t, 'time_exceeded')}</option>`), lang);
  }
  assert.equal(reasonLabel(translator('uk'), 'time_exceeded'), 'Час вичерпано');
  // A code without a name stays visible as a code, so the Ukrainian page walk can find it.
  assert.equal(reasonLabel(translator('uk'), 'no_such_code'), 'no_such_code');
});
