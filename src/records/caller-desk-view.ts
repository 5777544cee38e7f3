import { z } from 'zod';
import type { AppContext } from '../app-context.js';
import type { Principal } from '../shared/principal.js';
import { parseInput } from '../shared/parse-input.js';
import { maskPhone } from '../shared/redact.js';

const lookupInput = z.object({
  reference: z
    .string()
    .trim()
    .regex(/^\d{10}$/, 'a reference is 10 digits'),
});

/**
 * What the caller desk sees of a detainee (O-03): his status and health categories and the state of his call
 * requests, with contacts by name, relationship and a masked number. Never his facility, its lines, a full
 * number, the consent ledger's evidence or call content. The view is audited like any other (S-06).
 */
export interface CallerDeskView {
  reference: string;
  name: string;
  status: string;
  healthCategory: string | null;
  contacts: Array<{ id: number; name: string; relationship: string; maskedPhone: string }>;
  callRequests: Array<{ id: number; status: string; source: string; earliest: Date; contactId: number; reason: string | null }>;
}

/** By exact reference only: the caller desk has no name search, so it cannot browse records. */
export async function callerDeskLookup(ctx: AppContext, p: Principal, input: unknown): Promise<CallerDeskView | null> {
  const { reference } = parseInput(lookupInput, input);
  const d = await ctx.repos.detainees.findByReference(reference);
  await ctx.repos.audit.append({
    actor: p.username,
    action: 'detainee.view',
    subjectType: 'detainee',
    subjectId: d?.id,
    detail: { via: p.via, view: 'caller_desk', found: d !== undefined },
  });
  if (!d) return null;
  const contacts = await ctx.repos.contacts.listByDetainee(d.id);
  const requests = await ctx.repos.callRequests.listByDetainee(d.id, 20);
  return {
    reference: d.reference,
    name: `${d.family_name} ${d.given_name}`,
    status: d.status,
    healthCategory: d.health_category,
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, relationship: c.relationship, maskedPhone: maskPhone(c.phone) })),
    callRequests: requests.map((r) => ({
      id: r.id,
      status: r.status,
      source: r.source,
      earliest: r.earliest,
      contactId: r.contact_id,
      reason: r.reason,
    })),
  };
}
