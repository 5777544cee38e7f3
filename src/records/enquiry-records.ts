import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { AppError, notFound } from '../shared/errors.js';
import { CarrierError } from '../telephony/port.js';
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

/**
 * Playback of the name a caller recorded for an enquiry (S-06, A-04): audited first, then fetched through the
 * carrier by the recording's SID (an enquiry keeps no URL); the media never goes to the browser from the carrier.
 */
export async function playEnquiryName(ctx: AppContext, p: Principal, id: number): Promise<{ body: ArrayBuffer; contentType: string }> {
  const e = await ctx.repos.enquiries.findById(id);
  if (!e) throw notFound('the enquiry');
  if (!e.recording_sid)
    throw new AppError('no_recording', 'this enquiry has no recorded name (the caller said nothing, or it has expired)', 404);
  if (!ctx.telephony) throw new AppError('recording_unavailable', 'this process has no carrier to fetch the recording from', 503);
  await ctx.repos.audit.append({ actor: p.username, action: 'enquiry.play', subjectType: 'enquiry', subjectId: id });
  try {
    return await ctx.telephony.fetchRecording(ctx.telephony.recordingUrl(e.recording_sid));
  } catch (err) {
    if (!(err instanceof CarrierError)) throw err;
    throw new AppError('recording_unavailable', `${err.message}; the enquiry itself is kept`, err.status === 404 ? 404 : 502);
  }
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
