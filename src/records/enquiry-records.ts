import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { notFound } from '../shared/errors.js';
import { ENQUIRY_STATUSES, type Enquiry } from '../storage/schema.js';
import { parseInput } from '../shared/parse-input.js';
import { optionalText } from './form-values.js';

export const enquiryUpdateSchema = z.object({ status: z.enum(ENQUIRY_STATUSES), notes: optionalText(1000) });

/** The open inbox (at most 50, no paging: no export path). Viewing caller data is audited (S-06, C-13). */
export async function listEnquiries(ctx: AppContext, p: Principal): Promise<Enquiry[]> {
  const rows = await ctx.repos.enquiries.listOpen(50);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'enquiry.list',
    subjectType: 'enquiry',
    detail: { ids: rows.map((e) => e.id) },
  });
  return rows;
}

export async function updateEnquiry(ctx: AppContext, p: Principal, id: number, input: unknown): Promise<Enquiry> {
  const v = parseInput(enquiryUpdateSchema, input);
  const e = await ctx.repos.enquiries.setStatus(id, v.status, v.notes);
  if (!e) throw notFound('the enquiry');
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'enquiry.update',
    subjectType: 'enquiry',
    subjectId: id,
    detail: { status: v.status },
  });
  return e;
}

export const enquiryJson = (e: Enquiry) => ({
  id: e.id,
  soughtName: e.sought_name,
  soughtBirthYear: e.sought_birth_year,
  callerName: e.caller_name,
  relationship: e.relationship,
  callbackPhone: e.callback_phone,
  language: e.language,
  preferredHours: e.preferred_hours,
  status: e.status,
  notes: e.notes,
  createdAt: e.created_at,
});
