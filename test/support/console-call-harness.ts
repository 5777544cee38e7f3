import type { TestContext } from './test-context.js';
import { SimulatedCarrier } from '../../src/telephony/simulated/simulated-carrier.js';
import { createCallQueues } from '../../src/queue/call-queues.js';
import { startCallWorkers } from '../../src/worker/start-call-workers.js';
import type { PartyScript } from '../../src/telephony/simulated/party-script.js';

export const FACILITY_LINE = '+380441234567';
export const SUPERVISOR_PHONE = '+380441234568';

/**
 * A `prepare` for createConsoleFixture: the simulated carrier (fast ringing and pauses), the call queues and
 * their workers in this process, and a facility that takes calls at any hour with one known line.
 */
export function withSupervisedCalls(scripts: Record<string, PartyScript> = {}) {
  return async (ctx: TestContext) => {
    const carrier = new SimulatedCarrier({
      accountSid: ctx.config.twilio.accountSid,
      authToken: ctx.config.twilio.authToken,
      ringMs: 20,
      amdMs: 20,
      pauseUnitMs: 5,
    });
    for (const [phone, s] of Object.entries(scripts)) carrier.script(phone, s);
    ctx.telephony = carrier;
    ctx.callQueues = await createCallQueues(ctx.config);
    // Retries come quickly: under load the call feature can end an attempt as missing_monitor when the
    // monitor's join is recorded late, and its retry policy (not a test shortcut) then places the call again.
    ctx.callOptions = { ringTimeoutSeconds: 5, interruptedVerifyMs: 2000, retryDelaysMs: [300, 300, 300] };
    const facility = await ctx.repos.facilities.upsert({ name: 'Facility North', callHoursStart: '00:00', callHoursEnd: '00:00' });
    await ctx.repos.facilityLines.add(facility.id, FACILITY_LINE, 'wing A');
    const workers = await startCallWorkers(ctx, {
      reconcileEveryMs: 3_600_000,
      retentionEveryMs: 3_600_000,
      contactFloorEveryMs: 3_600_000,
    });
    return async () => {
      await workers.stop();
      await ctx.callQueues!.close();
    };
  };
}

export const simulated = (ctx: TestContext) => ctx.telephony as SimulatedCarrier;

type DetaineeInput = Parameters<TestContext['repos']['detainees']['create']>[0];
type ContactInput = Parameters<TestContext['repos']['contacts']['create']>[0];

/**
 * A held detainee in the fixture's facility and one nominated relative (a mother in Moscow unless told) who
 * consented to calls and may be called at any hour: a call to her passes every policy rule.
 */
export async function seedCallableContact(
  ctx: TestContext,
  o: {
    detainee: Omit<DetaineeInput, 'status' | 'facilityId'>;
    contact: Omit<ContactInput, 'detaineeId' | 'nominated' | 'relationship' | 'timeZone'> &
      Partial<Pick<ContactInput, 'relationship' | 'timeZone'>>;
  },
) {
  const r = ctx.repos;
  const [facility] = await r.facilities.list();
  const detainee = await r.detainees.create({ status: 'held', facilityId: facility.id, ...o.detainee });
  const contact = await r.contacts.create({
    ...o.contact,
    relationship: o.contact.relationship ?? 'mother',
    timeZone: o.contact.timeZone ?? 'Europe/Moscow',
    detaineeId: detainee.id,
    nominated: true,
  });
  await r.contacts.setColumns(contact.id, { call_hours_start: '00:00', call_hours_end: '00:00' });
  await r.consent.append({ contactId: contact.id, scope: 'calls', granted: true, language: 'ru', witness: 'guard' });
  return { facility, detainee, contact };
}
