import { test } from 'node:test';
import assert from 'node:assert/strict';
import { queueBoard } from '../../src/console/pages/queue-board.js';
import { reasonText } from '../../src/console/call-reason-text.js';
import { clockText } from '../../src/console/pages/board-row.js';
import { translator } from '../../src/console/i18n.js';
import type { PageContext } from '../../src/console/page-context.js';
import type { QueueItem } from '../../src/calls/call-queue.js';

// S-02: the live board's order, groups, timers and words, rendered without a server.
const NOW = new Date('2026-01-15T12:00:00Z');
const pc = (lang: 'uk' | 'en'): PageContext => ({ lang, t: translator(lang), csrf: 'x', path: '/console/queue', zone: 'Europe/Kyiv' });
const o = { now: NOW, phone: '+380501112233', back: '/console/queue' };
let n = 0;
function item(state: string, extra: Partial<QueueItem> = {}): QueueItem {
  n += 1;
  return {
    kind: 'call',
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    state,
    detaineeId: n,
    detaineeName: `Detainee${n}`,
    contactName: 'Olena',
    phoneMasked: '…67',
    language: 'ru',
    languages: { detainee: 'ru', contact: 'uk' },
    at: new Date(NOW.getTime() + 3600_000),
    relativeZone: 'Europe/Moscow',
    maxMinutes: 10,
    reason: null,
    attempts: 1,
    since: new Date(NOW.getTime() - 65_000),
    ...extra,
  };
}
const rowIds = (html: string, table: string) =>
  [
    ...html
      .slice(html.indexOf(table))
      .split('</table>')[0]
      .matchAll(/<tr data-id="([^"]+)" data-state="([^"]+)"/g),
  ].map((m) => m[2]);
const text = (html: string) => html.replace(/<[^>]+>/g, ' ');

test(
  'a call without its monitor comes first, then the furthest along; far-off calls and ended ones are collapsed',
  { timeout: 5_000 },
  () => {
    const items = [
      item('scheduled', { at: new Date(NOW.getTime() + 2 * 86_400_000) }),
      item('scheduled'),
      item('dialling'),
      item('connected', { connectedAt: NOW, endsAt: new Date(NOW.getTime() + 600_000) }),
      item('missing_monitor'),
      item('ringing'),
      item('awaiting_acceptance'),
      item('completed', { reason: 'relative_hung_up' }),
      { ...item('pending_approval'), kind: 'request' as const },
    ];
    const html = queueBoard(pc('en'), items, o).toString();
    assert.deepEqual(rowIds(html, 'id="active-calls"'), [
      'missing_monitor',
      'connected',
      'awaiting_acceptance',
      'ringing',
      'dialling',
      'scheduled',
    ]);
    assert.deepEqual(rowIds(html, 'data-state="scheduled-later"'), ['scheduled']);
    assert.match(html, /<summary>Scheduled later \(1\)<\/summary>/);
    assert.match(html, /<details class="group" data-state="completed"><summary>Completed \(1\)<\/summary>/);
    assert.match(html, /<details class="group" data-state="busy"><summary>Busy \(0\)<\/summary>/);
    assert.match(html, /id="board-pending" data-count="1">1 call request awaits approval\. <a href="\/console\/call-requests">/);
    // The missing monitor is told in words, not colour only.
    assert.match(
      html,
      /<tr data-id="[^"]+" data-state="missing_monitor" class="alert">\n<td><span class="chip chip-missing_monitor">⚠ Missing monitor<\/span><br><strong class="alert-words">No monitor on the line/,
    );
    // Timers: time in state from the server's clock, time left to the limit, and to a scheduled start.
    const connected = html.slice(html.indexOf('data-state="connected"'));
    assert.match(connected, /data-since="2026-01-15T11:58:55.000Z">1:05</);
    assert.match(connected, /ends in <span class="timer" data-until="2026-01-15T12:10:00.000Z">10:00</);
    assert.match(html, /starts in <span class="timer" data-until="2026-01-15T13:00:00.000Z">1:00:00</);
    // Only live rows carry listen, barge and end, behind their own disclosure, listen prefilled.
    assert.equal(html.match(/<details class="row-actions">/g)?.length, 5);
    assert.match(html, /name="phone" type="tel" required value="\+380501112233"/);
    assert.match(html, /name="back" value="\/console\/queue"/);
  },
);

test('the Ukrainian board names every state and outcome, with the right plurals', { timeout: 5_000 }, () => {
  const reasons = [
    'ended_by_supervisor:security_incident',
    'relative_busy; no retry left',
    'facility_hung_up',
    'time_limit',
    'monitor_left',
  ];
  const items = [
    item('missing_monitor'),
    item('connected', { endsAt: NOW }),
    ...reasons.map((reason) => item('completed', { reason })),
    item('failed', { reason: 'relative_carrier_rejected:21211' }),
    item('cancelled', { reason: 'detainee_request' }),
  ];
  const html = queueBoard(pc('uk'), items, o).toString();
  assert.doesNotMatch(text(html), /\b[a-z]+_[a-z_]+\b/, 'no code is shown in Ukrainian');
  assert.match(html, /Завершено супервізором: інцидент безпеки/);
  assert.match(html, /Лінія родича була зайнята; спроб більше немає/);
  assert.match(html, /Утримуваний поклав слухавку/);
  assert.match(html, /Лінія родича: оператор зв(’|&#39;)язку відхилив дзвінок \(код 21211\)/);
  assert.match(html, /На прохання утримуваного/);
  assert.match(html, /Жоден запит на дзвінок не очікує схвалення\./);
  const requests = (k: number) =>
    queueBoard(
      pc('uk'),
      Array.from({ length: k }, () => ({ ...item('pending_approval'), kind: 'request' as const })),
      o,
    ).toString();
  assert.match(requests(1), /1 запит на дзвінок очікує схвалення/);
  assert.match(requests(3), /3 запити на дзвінок очікують схвалення/);
  assert.match(requests(5), /5 запитів на дзвінок очікують схвалення/);
  // An outcome the table does not name stays visible as a code, so it is found and named.
  assert.equal(reasonText(translator('uk'), 'new_outcome'), 'new_outcome');
});

test('the first paint of a timer is the clock the page keeps ticking', { timeout: 5_000 }, () => {
  assert.deepEqual([clockText(0), clockText(65), clockText(3600), clockText(-3)], ['0:00', '1:05', '1:00:00', '0:00']);
});
