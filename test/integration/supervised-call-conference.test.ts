import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startCallsHarness, type CallsHarness } from '../support/calls-harness.js';
import { waitFor } from '../support/wait-for.js';
import { scheduleFixtureCall, seedCallFixture } from '../support/call-fixture.js';
import type { PartyScript } from '../../src/telephony/simulated/party-script.js';
import { legJobId } from '../../src/queue/queue-names.js';

// TW-16: Twilio sends a conference's events as the participant that starts it asked. The simulated carrier does
// the same, so these calls only get the conference SID (and so the warning) when every participant carries them.
let h: CallsHarness;
before(
  async () => {
    h = await startCallsHarness();
  },
  { timeout: 120_000 },
);
after(
  async () => {
    await h.close();
  },
  { timeout: 60_000 },
);

async function place(monitor: PartyScript) {
  const fx = await seedCallFixture(h.ctx);
  h.carrier.script(fx.facilityLine, { answer: 'answer', digits: ['1'] });
  h.carrier.script(fx.contactPhone, { answer: 'answer', digits: ['1', '1'] });
  h.carrier.script(fx.supervisorPhone, monitor);
  const call = await scheduleFixtureCall(h.ctx, fx);
  return { fx, call };
}

const sidsOf = (phone: string) => new Set([...h.carrier.calls.values()].filter((c) => c.to === phone).map((c) => c.sid));
const joinedAt = (phone: string) => {
  const sids = sidsOf(phone);
  return h.carrier.log.findIndex((e) => sids.has(e.callSid) && e.kind === 'conference_join');
};

describe('the conference events whoever joins first (real Redis, real database, simulated carrier)', () => {
  const orders: Array<[string, PartyScript]> = [
    ['the monitor joins before the relative', { answer: 'answer', digits: ['1'] }],
    // Rings for 2 of the 3 carrier seconds the ring timeout allows (pauseUnitMs 100): the relative is in first.
    ['the relative joins before the monitor', { answer: 'answer', digits: ['1'], ringMs: 2_000 }],
  ];
  for (const [order, monitor] of orders) {
    it(`${order}: the conference SID arrives, and every party hears the one-minute warning`, { timeout: 90_000 }, async () => {
      const { fx, call } = await place(monitor);
      await waitFor('connected', async () => (await h.ctx.repos.scheduledCalls.findById(call.id))?.state === 'connected');
      // "connected" is decided on the last key; that party's document joins it just after.
      const [monitorAt, relativeAt] = await waitFor('all three in the conference', async () => {
        const at = [joinedAt(fx.supervisorPhone), joinedAt(fx.contactPhone), joinedAt(fx.facilityLine)];
        return at.every((i) => i >= 0) ? at : undefined;
      });
      if (order.startsWith('the monitor')) assert.ok(monitorAt < relativeAt, 'the monitor was in before the relative');
      else assert.ok(relativeAt < monitorAt, 'the relative was in before the monitor');
      const room = h.carrier.rooms.list().find((r) => r.name === call.id)!;
      const c = await waitFor('the conference SID from its start event', async () => {
        const row = await h.ctx.repos.scheduledCalls.findById(call.id);
        return row?.conference_sid ? row : undefined;
      });
      assert.equal(c.conference_sid, room.sid);
      // Any conference callback carries the SID, and a participant-join may be handled before conference-start.
      await waitFor('the conference-start event', async () =>
        (await h.ctx.repos.scheduledCalls.events(call.id)).some((e) => e.kind === 'conference_start'),
      );
      const warn = await h.ctx.callQueues!.control.getJob(legJobId(call.id, 1, 'warn'));
      await warn!.promote();
      for (const phone of [fx.facilityLine, fx.contactPhone, fx.supervisorPhone]) {
        const sids = sidsOf(phone);
        await waitFor('the warning heard', async () =>
          h.carrier.log.some((e) => sids.has(e.callSid) && e.kind === 'announce' && /одна минута/.test(e.text ?? '')),
        );
      }
    });
  }
});
