import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCallsHarness, type CallsHarness } from '../support/calls-harness.js';
import { waitFor } from '../support/wait-for.js';
import { seedCallFixture } from '../support/call-fixture.js';
import { checkAgainstSpec } from '../support/twilio-spec-check.js';
import { scheduleCall } from '../../src/calls/schedule-call.js';
import { bargeCall, endCall } from '../../src/calls/supervise-call.js';
import { legJobId } from '../../src/queue/queue-names.js';
import { SimulatedCarrier } from '../../src/telephony/simulated/simulated-carrier.js';
import { simulatedCarrierServer, type CapturedRequest } from '../../src/telephony/simulated/simulated-carrier-server.js';
import { listenToCall } from '../../src/calls/listen-to-call.js';
import { createTwilioTelephony } from '../../src/telephony/twilio/twilio-telephony.js';
import { CarrierError } from '../../src/telephony/port.js';
import { listRecordings, playRecording } from '../../src/records/call-recordings.js';
import { purgeExpiredData } from '../../src/worker/purge-expired-data.js';
import type { Principal } from '../../src/shared/principal.js';

const SID = `AC${'ab'.repeat(16)}`;
const TOKEN = 'adapter-test-auth-token';
let h: CallsHarness;
let carrierHttp: http.Server;
const captured: CapturedRequest[] = [];
/** Numbers whose CreateCall/CreateParticipant is executed but whose HTTP response is lost. */
const dropFor = new Set<string>();

before(
  async () => {
    // The carrier listens first, so the adapter's TWILIO_API_BASE_URL can point at it.
    const carrier = new SimulatedCarrier({ accountSid: SID, authToken: TOKEN, ringMs: 10, amdMs: 20, pauseUnitMs: 100 });
    carrierHttp = http.createServer(
      simulatedCarrierServer(carrier, { onRequest: (r) => captured.push(r), dropResponse: (r) => dropFor.has(String(r.params.To)) }),
    );
    await new Promise<void>((r) => carrierHttp.listen(0, '127.0.0.1', r));
    const apiBase = `http://127.0.0.1:${(carrierHttp.address() as AddressInfo).port}`;
    h = await startCallsHarness({
      env: {
        TWILIO_ACCOUNT_SID: SID,
        TWILIO_AUTH_TOKEN: TOKEN,
        TWILIO_HOTLINE_NUMBER: '+380441230000',
        TWILIO_API_BASE_URL: apiBase,
        // Recorded calls: the conference's recording callback and the purge's DELETE at the carrier are checked too.
        RECORDING_ENABLED: 'true',
      },
      telephony: (ctx) => createTwilioTelephony(ctx.config),
    });
    h.carrier.shutdown(); // the harness's in-process carrier is unused here
    (h as { carrier: SimulatedCarrier }).carrier = carrier;
  },
  { timeout: 120_000 },
);
after(
  async () => {
    (h.carrier as SimulatedCarrier).shutdown();
    await h.close();
    carrierHttp.closeAllConnections();
    await new Promise<void>((r) => carrierHttp.close(() => r()));
  },
  { timeout: 60_000 },
);

describe('the Twilio adapter sends requests valid against twilio_api_v2010.json', () => {
  it('a full monitored call, barge, warning and end through the official client', { timeout: 90_000 }, async () => {
    assert.equal(h.ctx.config.twilio.carrier, 'twilio');
    const fx = await seedCallFixture(h.ctx);
    const call = await scheduleCall(
      h.ctx,
      {
        detaineeId: fx.detaineeId,
        contactId: fx.contactId,
        startAt: new Date(),
        facilityLine: fx.facilityLine,
        supervisorPhone: fx.supervisorPhone,
        maxMinutes: 10,
        language: 'uk',
        maxAttempts: 1,
      },
      'sup',
    );
    await waitFor('connected', async () => (await h.ctx.repos.scheduledCalls.findById(call.id))?.state === 'connected');
    await waitFor('conference sid', async () => (await h.ctx.repos.scheduledCalls.findById(call.id))?.conference_sid);
    await bargeCall(h.ctx, call.id, 'sup');
    await listenToCall(h.ctx, call.id, '+380675550999', 'sup');
    const warn = await h.ctx.callQueues!.control.getJob(legJobId(call.id, 1, 'warn'));
    await warn!.promote();
    // D-11: announced to each party's participant, each in its own language.
    await waitFor('warning sent', async () =>
      ['facility', 'relative'].every((party) =>
        captured.some(
          (r) =>
            r.path.match(/Conferences\/CF[0-9a-f]+\/Participants\/CA[0-9a-f]+\.json$/) &&
            String(r.params.AnnounceUrl).endsWith(`/${party}_warning`),
        ),
      ),
    );
    await endCall(h.ctx, call.id, { reason: 'rules_breached' }, 'sup');
    const done = await waitFor('final', async () => {
      const c = await h.ctx.repos.scheduledCalls.findById(call.id);
      return c?.state === 'completed' ? c : undefined;
    });
    assert.equal(done.final_reason, 'ended_by_supervisor:rules_breached');
    await waitFor('hang-ups sent', async () => captured.filter((r) => r.params.Status === 'completed').length >= 2);

    const seen = new Set<string>();
    for (const r of captured) {
      const { operationId, problems } = checkAgainstSpec(r);
      seen.add(operationId);
      assert.deepEqual(problems, [], `${r.method} ${r.path}`);
    }
    for (const op of ['CreateCall', 'UpdateCall', 'CreateParticipant', 'UpdateParticipant', 'UpdateConference'])
      assert.ok(seen.has(op), `${op} was exercised`);
    // twilio-notes TW-15, both directions.
    const create = captured.find((r) => r.path.endsWith('/Calls.json'))!;
    assert.deepEqual(create.params.StatusCallbackEvent, ['initiated', 'ringing', 'answered', 'completed']);
    // O-02/S-02: the monitor is a call of his own whose document asks for a key before he joins the conference.
    const legOf = (leg: string) => captured.find((r) => r.path.endsWith('/Calls.json') && String(r.params.Url).endsWith(`/${leg}`))!;
    const [monitor, relative] = [legOf('monitor'), legOf('relative')];
    assert.match(String(monitor.params.AsyncAmdStatusCallback), /\/amd\/monitor$/);
    assert.equal(monitor.params.TimeLimit, String(15 * 60));
    for (const leg of [monitor, relative]) {
      assert.equal(leg.params.AsyncAmd, 'true');
      assert.equal(leg.params.MachineDetection, 'Enable');
    }
    const participant = captured.find((r) => r.path.endsWith('/Participants.json'))!;
    assert.equal(participant.params.Muted, 'true', 'a listener joins muted (S-03)');
    assert.equal(participant.params.StartConferenceOnEnter, 'false');
    for (const r of captured)
      for (const v of Object.values(r.params).flat())
        if (/^https?:/.test(v))
          assert.doesNotMatch(
            v.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'ID'),
            /\+?\d{9,}/,
            'no phone number in any URL (twilio-notes TW-35)',
          );
  });

  it(
    'the recorded call is listed, played with an audit entry, and deleted at the carrier when it expires (A-01)',
    { timeout: 90_000 },
    async () => {
      const carrier = h.carrier as SimulatedCarrier;
      // Every leg joins by TwiML whose <Conference> records from the start with a status callback (TW-42), so the
      // recording is listed whoever starts the conference.
      const rec = await waitFor('recording listed', async () => (await listRecordings(h.ctx))[0]);
      assert.ok(carrier.recordings.bySid(rec.recordingSid), 'the carrier has the recording');
      const media = await playRecording(h.ctx, { username: 'sup', role: 'supervisor' } as Principal, rec.recordingSid);
      assert.ok(media.body.byteLength > 44, 'the media was fetched from the carrier');
      const plays = await h.ctx.repos.audit.list({ subjectType: 'scheduled_call', subjectId: rec.callId });
      assert.ok(plays.some((a) => a.action === 'recording.play' && a.actor === 'sup'));

      const old = new Date(Date.now() - (h.ctx.config.retention.recordingDays + 1) * 86_400_000);
      await h.ctx.db
        .updateTable('call_recordings')
        .set({ created_at: old } as never)
        .where('recording_sid', '=', rec.recordingSid)
        .execute();
      const counts = await purgeExpiredData(h.ctx);
      assert.equal(counts.recordings, 1);
      assert.equal(carrier.recordings.bySid(rec.recordingSid), undefined, 'the carrier no longer has it');
      assert.deepEqual(await listRecordings(h.ctx), []);
      const del = captured.find((r) => r.method === 'DELETE' && r.path.endsWith(`/Recordings/${rec.recordingSid}.json`));
      assert.ok(del, 'the purge sent REST DELETE for the recording');
      assert.deepEqual(checkAgainstSpec(del), { operationId: 'DeleteRecording', problems: [] });
      // A recording the carrier no longer has counts as deleted (twilio-notes TW-43).
      await h.ctx.telephony!.deleteRecording(rec.recordingSid);
    },
  );

  it('the checker itself catches a wrong parameter, a bad enum and a joined call event list', { timeout: 90_000 }, () => {
    const bad = checkAgainstSpec({
      method: 'POST',
      path: `/2010-04-01/Accounts/${SID}/Calls.json`,
      params: {
        To: '+1',
        From: '+2',
        Url: 'https://x',
        Bogus: '1',
        MachineDetection: 'Sometimes',
        StatusCallbackEvent: ['initiated ringing'],
        Timeout: 'soon',
      },
    });
    assert.equal(bad.problems.length, 4, bad.problems.join('\n'));
  });

  it('maps 4xx to a non-retryable and 5xx to a retryable CarrierError', { timeout: 90_000 }, async () => {
    (h.carrier as SimulatedCarrier).script('+380445559998', { answer: 'invalid' });
    (h.carrier as SimulatedCarrier).script('+380445559997', { answer: 'unavailable' });
    const e4 = await h.ctx
      .telephony!.createCall({ to: '+380445559998', from: '+380441230000', url: 'https://example.org/x' })
      .catch((e) => e);
    assert.ok(e4 instanceof CarrierError);
    assert.equal(e4.status, 400);
    assert.equal(e4.code, 21211);
    assert.equal(e4.retryable, false);
    const e5 = await h.ctx
      .telephony!.createCall({ to: '+380445559997', from: '+380441230000', url: 'https://example.org/x' })
      .catch((e) => e);
    assert.equal(e5.status, 503);
    assert.equal(e5.retryable, true);
    dropFor.add('+380445559996');
    const e0 = await h.ctx
      .telephony!.createCall({ to: '+380445559996', from: '+380441230000', url: 'https://example.org/x' })
      .catch((e) => e);
    assert.ok(e0 instanceof CarrierError);
    assert.equal(e0.status, 0);
    assert.equal(e0.retryable, false, 'a lost response is never retried at once: the call may exist');
    assert.equal(e0.unconfirmed, true);
  });

  it(
    'a lost CreateCall response: the facility is dialled once, the status callback binds the call and it goes on',
    { timeout: 90_000 },
    async () => {
      const fx = await seedCallFixture(h.ctx);
      dropFor.add(fx.facilityLine);
      const call = await scheduleCall(
        h.ctx,
        {
          detaineeId: fx.detaineeId,
          contactId: fx.contactId,
          startAt: new Date(),
          facilityLine: fx.facilityLine,
          supervisorPhone: fx.supervisorPhone,
          maxMinutes: 10,
          language: 'ru',
          maxAttempts: 3,
        },
        'sup',
      );
      const c = await waitFor('connected', async () => {
        const x = await h.ctx.repos.scheduledCalls.findById(call.id);
        return x?.state === 'connected' ? x : undefined;
      });
      assert.equal(c.attempts, 1, 'no second attempt');
      assert.equal((h.carrier as SimulatedCarrier).dialsTo(fx.facilityLine), 1, 'the facility was dialled exactly once');
      const kinds = (await h.ctx.repos.scheduledCalls.events(call.id)).map((e) => e.kind);
      assert.ok(kinds.includes('attempt_unconfirmed'));
      assert.ok(!kinds.includes('carrier_retry'));
      await endCall(h.ctx, call.id, { reason: 'other' }, 'sup');
    },
  );
});
