import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import type { NoticeRow } from '../storage/repositories/index.js';
import { LANGUAGES, type Language, type Role } from '../storage/schema.js';
import { AppError, notFound } from '../shared/errors.js';
import { parseReason, reasonText } from './reason-texts.js';

/** Who reads notices to detainees through the facilities: operators and supervisors (they see the facility). */
export const NOTICE_READERS: readonly Role[] = ['operator', 'supervisor', 'admin'];

/** The facility filter of the notices list: a facility id, `none` (detainees without one) or all (undefined). */
export const facilityFilter = (v: unknown): number | null | undefined =>
  v === 'none' ? null : Number.isInteger(Number(v)) && Number(v) > 0 ? Number(v) : undefined;

/** A notice's words in the detainee's own language (D-11), from the one table of reasons (O-07). */
export function noticeText(n: NoticeRow): string {
  const lang: Language = (LANGUAGES as readonly string[]).includes(n.language) ? (n.language as Language) : 'ru';
  const r = parseReason(n.reason_code);
  return r ? reasonText(r.kind, r.code, lang) : '';
}

/** Unread notices for facility staff to read to the detainee (O-07, S-01); `facility` narrows them to one facility. */
export async function listNotices(ctx: AppContext, facility?: number | null): Promise<NoticeRow[]> {
  return ctx.repos.notices.listUnread(facility);
}

/** Marks a notice read to the detainee; audited, and only once (a second mark is a conflict). */
export async function markNoticeRead(ctx: AppContext, p: Principal, id: number): Promise<NoticeRow> {
  const n = await ctx.repos.notices.findById(id);
  if (!n) throw notFound('the notice');
  const read = await ctx.repos.notices.markRead(id, p.username, ctx.clock.now());
  if (!read) throw new AppError('notice_already_read', 'the notice was already marked read', 409);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'notice.read',
    subjectType: 'detainee',
    subjectId: n.detainee_id,
    detail: { noticeId: id, kind: n.kind },
  });
  return { ...n, ...read };
}

export const noticeJson = (n: NoticeRow) => ({
  id: n.id,
  detaineeId: n.detainee_id,
  reference: n.reference,
  facilityId: n.facility_id,
  kind: n.kind,
  reason: n.reason_code,
  language: n.language,
  text: noticeText(n),
  createdAt: n.created_at,
  readAt: n.read_at,
  readBy: n.read_by,
});
