import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { CALL_STATES } from '../../src/calls/call-states.js';
import { APPROVE_REASONS, CANCEL_REASONS, DENY_REASONS, END_REASONS } from '../../src/calls/reason-codes.js';
import {
  CONSENT_SCOPES,
  DETAINEE_STATUSES,
  ENQUIRY_STATUSES,
  HEALTH_CATEGORIES,
  REVIEW_DECISIONS,
  ROLES,
} from '../../src/storage/schema.js';
import { TASK_CALL_OUTCOMES, CHECKLIST_MARKS } from '../../src/desk/task-call-outcomes.js';
import { WRAP_UP_OUTCOMES } from '../../src/desk/wrap-up-outcomes.js';
import { DESK_STATES } from '../../src/desk/desk-presence.js';
import { FLAG_REASONS } from '../../src/records/caller-flags.js';
import { CONCERNS } from '../../src/records/protection-concern.js';
import { auditEn } from '../../src/console/i18n-audit-en.js';

// The words of a page that a Ukrainian reader must not see: the codes the server knows, any other snake_case,
// and common English words of the interface (used by test/integration/console-ukrainian-walk.test.ts).

/** Every AppError code thrown in src/ (the CLI's own refusals are never shown by the console). */
function appErrorCodes(): string[] {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== 'cli') walk(p);
      } else if (p.endsWith('.ts')) {
        for (const m of readFileSync(p, 'utf8').matchAll(/new AppError\(\s*'([a-z_]+)'/g)) out.add(m[1]);
      }
    }
  };
  walk('src');
  return [...out];
}

const KNOWN_CODES = [
  ...CALL_STATES,
  ...DENY_REASONS,
  ...APPROVE_REASONS,
  ...CANCEL_REASONS,
  ...END_REASONS,
  ...DETAINEE_STATUSES,
  ...HEALTH_CATEGORIES,
  ...CONSENT_SCOPES,
  ...ENQUIRY_STATUSES,
  ...REVIEW_DECISIONS,
  'pending_review',
  'pending_approval',
  'denied',
  ...ROLES,
  ...TASK_CALL_OUTCOMES,
  ...CHECKLIST_MARKS,
  ...WRAP_UP_OUTCOMES,
  ...DESK_STATES,
  ...FLAG_REASONS,
  ...CONCERNS,
  'ru',
  'uk',
  'en',
  'to_detainee',
  'from_detainee',
  'keypad',
  'voice',
  ...Object.keys(auditEn)
    .filter((k) => k.startsWith('audit_'))
    .map((k) => k.slice('audit_'.length)),
  ...appErrorCodes(),
];
// English words of the interface that a Ukrainian page must not show.
const ENGLISH_WORDS = [
  'Pending',
  'Approve',
  'Deny',
  'Status',
  'Reason',
  'Save',
  'Search',
  'Contact',
  'Request',
  'Decision',
  'Cancel',
  'Open',
];
// snake_case that is not a code: none yet.
const SNAKE_ALLOWED = new Set<string>([]);

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const KNOWN_RE = new RegExp(`(?<![\\p{L}\\d_.-])(${[...new Set(KNOWN_CODES)].map(escapeRe).join('|')})(?![\\p{L}\\d_-]|\\.[a-z])`, 'giu');
const ENGLISH_RE = new RegExp(`(?<!\\p{L})(${ENGLISH_WORDS.join('|')})(?!\\p{L})`, 'giu');

/** What the user entered or the fixture made (usernames, token names): not the interface's words. */
function withoutSeededData(text: string): string {
  let out = text;
  for (const role of ROLES) out = out.replaceAll(`test-${role}`, ' ').replaceAll(`${role} token`, ' ');
  return out;
}

/** The untranslated words on one page, allowlisted ones aside. */
export function untranslated(text: string, allowed: readonly string[] = []): string[] {
  const t = withoutSeededData(text);
  const found = new Set<string>();
  for (const m of t.matchAll(KNOWN_RE)) found.add(m[1]);
  for (const m of t.matchAll(/\b[a-z]+_[a-z_]+\b/g)) if (!SNAKE_ALLOWED.has(m[0])) found.add(m[0]);
  for (const m of t.matchAll(ENGLISH_RE)) found.add(m[1]);
  return [...found].filter((w) => !allowed.includes(w));
}
