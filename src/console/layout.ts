import { html, type SafeHtml } from './html.js';
import type { PageContext } from './page-context.js';
import type { Messages } from './i18n-en.js';
import type { Role } from '../storage/schema.js';
import { ADMINS, ANY_STAFF, SUPERVISORS } from '../http/auth/guard.js';
import { DESK_STAFF } from '../desk/desk-staff.js';
import { NOTICE_READERS } from '../records/detainee-notices.js';
import { countText, label } from './i18n.js';
import { formatCallTime, formatInstant, zoneCity } from '../shared/local-time.js';

export const csrfField = (pc: PageContext) => html`<input type="hidden" name="_csrf" value="${pc.csrf}">`;

type Inbox = 'enquiries' | 'messages' | 'tasks' | 'notices';
interface NavItem {
  href: string;
  key: keyof Messages;
  roles: readonly Role[];
  /** The inbox whose open (and late) items the link shows. */
  inbox?: Inbox;
}
const LATE_KEYS = { enquiries: 'lateEnquiries', messages: 'lateMessages', tasks: 'lateTasks' } as const;

const NAV: NavItem[] = [
  { href: '/console/desk', key: 'navDesk', roles: DESK_STAFF },
  { href: '/console/detainees', key: 'navSearch', roles: ANY_STAFF },
  { href: '/console/enquiries', key: 'navEnquiries', roles: ANY_STAFF, inbox: 'enquiries' },
  { href: '/console/messages', key: 'navMessages', roles: ANY_STAFF, inbox: 'messages' },
  { href: '/console/tasks', key: 'navTasks', roles: ANY_STAFF, inbox: 'tasks' },
  { href: '/console/call-requests', key: 'navCalls', roles: ANY_STAFF },
  { href: '/console/notices', key: 'navNotices', roles: NOTICE_READERS, inbox: 'notices' },
  { href: '/console/recordings', key: 'navRecordings', roles: SUPERVISORS },
  { href: '/console/caller-flags', key: 'navCallerFlags', roles: ANY_STAFF },
  { href: '/console/caller-desk', key: 'navCallerDesk', roles: ['caller_desk'] },
  { href: '/console/queue', key: 'navQueue', roles: SUPERVISORS },
  { href: '/console/figures', key: 'navFigures', roles: SUPERVISORS },
  { href: '/admin/queues', key: 'navQueues', roles: SUPERVISORS },
  { href: '/console/audit', key: 'navAudit', roles: ADMINS },
  { href: '/console/users', key: 'navUsers', roles: ADMINS },
  { href: '/console/facilities', key: 'navFacilities', roles: ADMINS },
];
/** Pages for a trial without Twilio, under their own heading (access as each page's route says). */
const TRIAL_TOOLS: NavItem[] = [{ href: '/console/carrier', key: 'navCarrier', roles: SUPERVISORS }];

/** The open items of an inbox, and the late ones in words ("3 late", "3 прострочені"). */
function inboxBadges(pc: PageContext, inbox: Inbox | undefined) {
  const c = inbox ? pc.inbox?.[inbox] : undefined;
  if (c === undefined || !inbox) return '';
  const { open, late } = typeof c === 'number' ? { open: c, late: 0 } : c;
  const lateKey = inbox === 'notices' ? undefined : LATE_KEYS[inbox];
  return html` <span class="badge" data-open="${open}"><span class="sr">${pc.t('openCount')} </span>${open}</span>${
    lateKey && late ? html` <span class="badge late" data-late="${late}">${countText(pc.lang, pc.t, lateKey, late)}</span>` : ''
  }`;
}

const navLink = (pc: PageContext, n: NavItem) =>
  html`<li><a href="${n.href}"${pc.path.startsWith(n.href) ? html` aria-current="page"` : ''}>${pc.t(n.key)}${inboxBadges(pc, n.inbox)}</a></li>`;

function navigation(pc: PageContext, role: Role) {
  const trial = TRIAL_TOOLS.filter((n) => n.roles.includes(role));
  return html`<nav aria-label="main"><ul>${NAV.filter((n) => n.roles.includes(role)).map((n) => navLink(pc, n))}${
    trial.length
      ? html`<li class="nav-group"><span id="nav-trial-tools">${pc.t('navTrialTools')}:</span> <ul aria-labelledby="nav-trial-tools">${trial.map((n) => navLink(pc, n))}</ul></li>`
      : ''
  }</ul></nav>`;
}

/** The page frame: lang attribute, skip link, role-filtered navigation, language switch (stored per user). */
export function layout(pc: PageContext, title: string, body: SafeHtml, opts: { script?: string } = {}): string {
  const p = pc.principal;
  const t = pc.t;
  const nav = p
    ? html`${navigation(pc, p.role)}
      <form method="post" action="/console/language" class="inline">${csrfField(pc)}
        <label for="lang-switch">${t('language')}</label>
        <select id="lang-switch" name="language"><option value="uk"${pc.lang === 'uk' ? html` selected` : ''}>Українська</option><option value="en"${pc.lang === 'en' ? html` selected` : ''}>English</option></select>
        <button type="submit">${t('switchLanguage')}</button></form>
      <form method="post" action="/logout" class="inline">${csrfField(pc)}<span>${t('signedInAs')} ${p.username} (${label(t, 'role', p.role)})</span> <button type="submit">${t('logout')}</button></form>`
    : '';
  return html`<!doctype html>
<html lang="${pc.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin"><title>${title} · ${t('appName')}</title>
<link rel="icon" type="image/svg+xml" href="/favicon.svg"><link rel="stylesheet" href="/console/assets/console.css"></head>
<body><a class="skip" href="#main">${t('skipToContent')}</a>
<header><strong>${t('appName')}</strong>${nav}</header>
<main id="main" tabindex="-1"><h1>${title}</h1>${body}</main>
${p ? html`<footer><p id="time-zone">${t('timesIn')} ${zoneCity(pc.zone, pc.lang)} (${pc.zone}) · <a href="/console/settings">${t('mySettings')}</a></p></footer>` : ''}
${opts.script ? html`<script src="${opts.script}" defer></script>` : ''}
</body></html>`.toString();
}

export const errorBox = (pc: PageContext, message: string | undefined) =>
  message ? html`<div class="error" role="alert"><strong>${pc.t('error')}:</strong> ${message}</div>` : '';

/** An instant in the viewer's zone (named once per page, in the footer). */
export const fmtTime = (pc: PageContext, d: Date | string | null | undefined, seconds = false) => formatInstant(d, pc.zone, { seconds });

/** A call's time in the viewer's zone and in the relative's local time, each with its city. */
export const fmtCallTime = (pc: PageContext, d: Date | string, relativeZone: string | null | undefined) =>
  formatCallTime(d, pc.zone, relativeZone, pc.lang);
