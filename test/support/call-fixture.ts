import type { AppContext } from '../../src/app-context.js';
import type { Language, ScheduledCall } from '../../src/storage/schema.js';
import { scheduleCall } from '../../src/calls/schedule-call.js';

let n = 0;
const uniq = () => String(++n).padStart(3, '0');

export interface CallFixture {
  facilityId: number;
  detaineeId: number;
  reference: string;
  contactId: number;
  contactPhone: string;
  facilityLine: string;
  supervisorPhone: string;
}

/**
 * A detainee at a facility with a line, and one nominated contact whose consent allows calls. Hours are
 * "any time" (start = end) so tests do not depend on the wall clock; tests about hours set them.
 */
export async function seedCallFixture(
  ctx: AppContext,
  o: { language?: Language; consent?: boolean; nominated?: boolean; quota?: number } = {},
): Promise<CallFixture> {
  const id = uniq();
  const facility = await ctx.repos.facilities.upsert({
    name: `Facility ${id}-${Math.random().toString(36).slice(2, 6)}`,
    timeZone: 'Europe/Kyiv',
    callHoursStart: '00:00',
    callHoursEnd: '00:00',
  });
  const facilityLine = `+38044555${id.padStart(4, '0')}`;
  await ctx.repos.facilityLines.add(facility.id, facilityLine, 'line');
  if (o.quota !== undefined) await ctx.repos.facilityLines.setParameters(facility.id, { weeklyCallQuota: o.quota });
  else await ctx.repos.facilityLines.setParameters(facility.id, { weeklyCallQuota: 1000 });
  const detainee = await ctx.repos.detainees.create({
    familyName: 'Testov',
    givenName: `Ivan${id}`,
    status: 'held',
    facilityId: facility.id,
    language: o.language ?? 'ru',
  });
  const contactPhone = `+7916555${id.padStart(4, '0')}`;
  const contact = await ctx.repos.contacts.create({
    detaineeId: detainee.id,
    name: 'Maria',
    relationship: 'mother',
    phone: contactPhone,
    timeZone: 'Europe/Moscow',
    language: o.language ?? 'ru',
    nominated: o.nominated ?? true,
  });
  await ctx.repos.contacts.setColumns(contact.id, { call_hours_start: '00:00', call_hours_end: '00:00' });
  if (o.consent ?? true)
    await ctx.repos.consent.append({ contactId: contact.id, scope: 'calls', granted: true, language: 'ru', witness: 'officer' });
  return {
    facilityId: facility.id,
    detaineeId: detainee.id,
    reference: detainee.reference,
    contactId: contact.id,
    contactPhone,
    facilityLine,
    supervisorPhone: `+38067555${id.padStart(4, '0')}`,
  };
}

/** Schedules a call for the fixture's detainee and contact, due now unless `startAt` says, one attempt unless told. */
export function scheduleFixtureCall(
  ctx: AppContext,
  fx: CallFixture,
  o: { startAt?: Date; language?: Language; maxAttempts?: number; interpreter?: boolean } = {},
): Promise<ScheduledCall> {
  return scheduleCall(
    ctx,
    {
      detaineeId: fx.detaineeId,
      contactId: fx.contactId,
      startAt: o.startAt ?? new Date(),
      facilityLine: fx.facilityLine,
      supervisorPhone: fx.supervisorPhone,
      maxMinutes: 10,
      language: o.language ?? 'ru',
      maxAttempts: o.maxAttempts ?? 1,
      interpreter: o.interpreter,
    },
    'supervisor1',
  );
}
