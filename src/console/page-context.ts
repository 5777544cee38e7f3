import type { Request } from 'express';
import type { Principal } from '../shared/principal.js';
import type { InboxCounts } from '../records/inbox-counts.js';
import { consoleLang, translator, type ConsoleLang, type Translate } from './i18n.js';

/** What every page template needs: the viewer, their language and the CSRF token for forms. */
export interface PageContext {
  principal?: Principal;
  lang: ConsoleLang;
  t: Translate;
  csrf: string;
  path: string;
  /** The viewer's IANA zone: every time on the page is shown in it. */
  zone: string;
  /** What waits in each inbox, for the navigation (absent when not counted). */
  inbox?: InboxCounts;
}

export function pageContext(req: Request, csrfOverride?: string): PageContext {
  const lang = consoleLang(req.principal?.language ?? (req.acceptsLanguages('uk', 'en') || 'uk'));
  return {
    principal: req.principal,
    lang,
    t: translator(lang),
    csrf: csrfOverride ?? req.principal?.csrfToken ?? '',
    path: req.path,
    zone: req.principal?.timeZone ?? 'UTC',
    inbox: req.inboxCounts,
  };
}
