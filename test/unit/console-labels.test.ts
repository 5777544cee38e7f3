import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { auditLabel, errorSentence, label, translator, type LabelFamily } from '../../src/console/i18n.js';
import { en } from '../../src/console/i18n-en.js';
import { uk } from '../../src/console/i18n-uk.js';
import { errorsUk } from '../../src/console/i18n-errors-uk.js';
import { CALL_POLICY } from '../../src/calls/policy/call-policy.js';
import { CALL_STATES } from '../../src/calls/call-states.js';
import {
  CALL_REQUEST_SOURCES,
  CONSENT_SCOPES,
  DETAINEE_STATUSES,
  ENQUIRY_STATUSES,
  HEALTH_CATEGORIES,
  LANGUAGES,
  REVIEW_DECISIONS,
  ROLES,
} from '../../src/storage/schema.js';
import { FLAG_REASONS } from '../../src/records/caller-flags.js';
import { CONCERNS } from '../../src/records/protection-concern.js';

// Issue 17: every code a console page shows has a name in Ukrainian and English, and every refusal the server
// can send to the console has a Ukrainian sentence saying what happens next.
const tUk = translator('uk');
const TASK_KINDS = readFileSync('src/storage/repositories/task-repository.ts', 'utf8')
  .slice(0, 600)
  .match(/\| '([a-z_]+)'/g)!
  .map((m) => m.slice(3, -1));

const FAMILIES: Array<[LabelFamily, readonly string[]]> = [
  ['status', DETAINEE_STATUSES],
  ['health', HEALTH_CATEGORIES],
  ['lang', LANGUAGES],
  ['scope', CONSENT_SCOPES],
  ['reqStatus', ['pending_approval', 'approved', 'denied', 'cancelled']],
  ['enqStatus', ENQUIRY_STATUSES],
  ['msgStatus', ['pending_review', ...REVIEW_DECISIONS]],
  ['msgKind', ['voice', 'keypad']],
  ['msgDir', ['to_detainee', 'from_detainee']],
  ['taskKind', TASK_KINDS],
  ['role', ROLES],
  ['rule', [...CALL_POLICY.map((r) => r.code), 'subject']],
  ['source', CALL_REQUEST_SOURCES],
  ['flagReason', FLAG_REASONS],
  ['concern', CONCERNS],
  ['state', CALL_STATES],
];

test('every code of every family has a name in both languages', { timeout: 5_000 }, () => {
  assert.ok(TASK_KINDS.length >= 10, TASK_KINDS.join());
  for (const [family, codes] of FAMILIES) {
    for (const code of codes) {
      const u = label(tUk, family, code);
      assert.ok(`${family}_${code}` in en, `${family} ${code} has an English name`);
      assert.match(u, /[а-яіїєґ]/i, `${family} ${code} has a Ukrainian name: ${u}`);
    }
  }
});

test('a code without a name is shown as it is, so the page walk finds it', { timeout: 5_000 }, () => {
  assert.equal(label(tUk, 'status', 'no_such_status'), 'no_such_status');
  assert.equal(label(tUk, 'lang', null), '');
  assert.equal(auditLabel(tUk, 'detainee.view'), 'Перегляд запису утримуваного');
  assert.equal(auditLabel(tUk, 'call.barged'), 'Дзвінок під наглядом: супервізор втрутився');
  assert.equal(auditLabel(tUk, 'something.new'), 'something.new');
});

test('every refusal thrown in src/ outside the CLI has a Ukrainian sentence; English keeps the server’s', { timeout: 5_000 }, () => {
  const codes = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'cli') walk(p);
      } else if (p.endsWith('.ts')) for (const m of readFileSync(p, 'utf8').matchAll(/new AppError\(\s*'([a-z_]+)'/g)) codes.add(m[1]);
    }
  };
  walk('src');
  assert.ok(codes.size > 50, `${codes.size} codes`);
  const missing = [...codes].filter((c) => !errorsUk[c]);
  assert.deepEqual(missing, [], `codes without a Ukrainian sentence: ${missing.join(', ')}`);
  for (const [code, sentence] of Object.entries(errorsUk)) assert.doesNotMatch(sentence, /\b[a-z]+_[a-z_]+\b/, code);
  assert.equal(errorSentence('uk', 'start_in_past', 'the start time has passed'), errorsUk.start_in_past);
  assert.equal(errorSentence('uk', 'brand_new_code', 'x'), errorsUk.generic);
  assert.equal(errorSentence('en', 'start_in_past', 'the start time has passed'), 'the start time has passed');
});

test('the Ukrainian table has every key of the English one', { timeout: 5_000 }, () => {
  assert.deepEqual(
    Object.keys(en).filter((k) => !(k in uk)),
    [],
  );
});
