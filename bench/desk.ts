/**
 * `npm run bench -- desk`: the operator desk under a burst (issue's figure, S-07's demand in one minute).
 * BENCH_DESK_CALLERS callers (default 200) arrive over one minute (uniform, fixed seed) and press 1 (Russian)
 * then 0 (operator), joining the simulated carrier's queue; BENCH_DESK_OPERATORS operators (default 5) are on
 * duty, answer after a 4 s ring, hear the whisper, press 1 and talk 60–240 s (drawn per caller); 10 % of the
 * callers hang up after 2–4 minutes if nobody took them; DESK_WRAP_UP_SECONDS of wrap-up, then the desk frees the
 * operator. Printed: service level (bridged within 60 s of joining the queue / all who joined), average and p95
 * wait of those bridged, abandonment, and how late operators were rung after their wrap-up ended while callers
 * waited (goal: under 1 s), next to an ideal desk fed the same callers (bench/support/desk-model.ts).
 *
 * Hosting: in-process (build-context, create-app on a loopback port, the worker's desk tick, a SimulatedCarrier
 * with every webhook signed and sent over HTTP), not a `kinline serve` child: the served carrier runs at real
 * speed (1 carrier second = 1 s, no setting changes it), so the burst would take two hours, and the benchmark
 * reads every carrier event with its time, which the served carrier's capped event log cannot give.
 *
 * Time is compressed: BENCH_DESK_SCALE simulated seconds per real second (default 60). The carrier's seconds
 * (Pause, Gather timeouts, ring, QueueTime, DESK_MAX_WAIT_SECONDS) are scaled through pauseUnitMs; the wrap-up
 * runs on kinline's clock, so DESK_WRAP_UP_SECONDS=1 is SCALE simulated seconds (60 by default, the shipped
 * value). Figures are printed in simulated (real-life) seconds; kinline's own latencies in real milliseconds —
 * under compression they weigh SCALE times more in the waits than they would in service.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../src/config/config.js';
import { buildContext } from '../src/server/build-context.js';
import { createApp } from '../src/server/create-app.js';
import { startDeskTick } from '../src/worker/desk-tick.js';
import { goOnDuty } from '../src/desk/go-on-duty.js';
import { SimulatedCarrier } from '../src/telephony/simulated/simulated-carrier.js';
import { createRedis } from '../src/redis/create-redis.js';
import { deleteKeysByPrefix } from '../src/redis/delete-keys-by-prefix.js';
import { createScratchDatabase } from '../src/storage/scratch-database.js';
import { erlangCServiceLevel, idealDesk, mean, percentile, seeded, type ModelCaller } from './support/desk-model.js';
import { deskTimeline } from './support/desk-timeline.js';

const CALLERS = Number(process.env.BENCH_DESK_CALLERS ?? 200);
const OPERATORS = Number(process.env.BENCH_DESK_OPERATORS ?? 5);
const SCALE = Number(process.env.BENCH_DESK_SCALE ?? 30);
const UNIT_MS = 1000 / SCALE; // real ms per simulated second
const ARRIVAL_S = 60;
const RING_S = 4;
const HOLD_MUSIC_S = 60;
const WRAP_UP_REAL_S = 1;
const SERVICE_S = 60;

/** Kyiv hours around now, so that operators work whenever the benchmark runs. */
function operatorHoursNow(): { start: string; end: string } {
  const h = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Kyiv', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
  const hh = (n: number) => `${String((n + 24) % 24).padStart(2, '0')}:00`;
  return { start: hh(h - 1), end: hh(h + 4) };
}

function drawCallers() {
  const rnd = seeded(15);
  return Array.from({ length: CALLERS }, () => ({
    arrival: rnd() * ARRIVAL_S,
    talk: 60 + rnd() * 180,
    patience: rnd() < 0.1 ? 120 + rnd() * 120 : undefined,
  })).sort((a, b) => a.arrival - b.arrival);
}

const s1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');
const pc = (x: number | undefined) => (x === undefined ? 'none' : `${(100 * x).toFixed(1)} %`);

export async function run(): Promise<void> {
  const prefix = `klbench-desk:${randomBytes(3).toString('hex')}`;
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const scratch = process.env.DATABASE_URL ? await createScratchDatabase(process.env.DATABASE_URL, 'bench') : undefined;
  const hours = operatorHoursNow();
  const config = loadConfig({
    ...process.env,
    DATABASE_URL: scratch?.url ?? '',
    REDIS_PREFIX: prefix,
    PUBLIC_BASE_URL: base,
    LOG_LEVEL: 'silent',
    TWILIO_ACCOUNT_SID: '',
    TWILIO_AUTH_TOKEN: '',
    TWILIO_HOTLINE_NUMBER: '',
    OPERATOR_HOURS_START: hours.start,
    OPERATOR_HOURS_END: hours.end,
    DESK_MAX_WAIT_SECONDS: '300',
    DESK_WRAP_UP_SECONDS: String(WRAP_UP_REAL_S),
  });
  const ctx = await buildContext(config, { dataDir: scratch ? undefined : 'memory://' });
  const carrier = new SimulatedCarrier({
    accountSid: config.twilio.accountSid,
    authToken: config.twilio.authToken,
    ringMs: UNIT_MS, // from the REST request to the phone ringing
    amdMs: UNIT_MS,
    pauseUnitMs: UNIT_MS,
    holdMusicSeconds: HOLD_MUSIC_S,
    baseUrl: `${base}/simulated-carrier`,
  });
  ctx.telephony = carrier;
  server.on('request', createApp(ctx));
  const timeline = deskTimeline(carrier);
  const tick = startDeskTick(ctx);
  const redis = createRedis(config.redis.url);
  await redis.connect();
  try {
    const phones: string[] = [];
    for (let i = 1; i <= OPERATORS; i++) {
      const phone = `+38044555${String(i).padStart(4, '0')}`;
      phones.push(phone);
      const u = await ctx.repos.users.create({ username: `bench-op${i}`, password: randomBytes(12).toString('hex'), role: 'operator' });
      carrier.script(phone, { answer: 'answer', digits: ['1'], ringMs: RING_S * UNIT_MS });
      await goOnDuty(ctx, { userId: u.id, username: u.username, role: 'operator', via: 'session', scopes: [], language: 'uk' }, { phone });
    }
    const drawn = drawCallers();
    console.log(
      `${CALLERS} callers over ${ARRIVAL_S} s, ${OPERATORS} operators; talk 60–240 s, 10 % give up after 2–4 min, ring ${RING_S} s, ` +
        `wrap-up ${WRAP_UP_REAL_S * SCALE} s (DESK_WRAP_UP_SECONDS=${WRAP_UP_REAL_S} real), hold music ${HOLD_MUSIC_S} s per wait document`,
    );
    console.log(
      `time scale: ${SCALE} simulated s per real s (carrier pauseUnitMs ${UNIT_MS.toFixed(1)}); in-process kinline (build-context + ` +
        `create-app over HTTP + the worker's desk tick), database ${scratch ? 'PostgreSQL (scratch)' : 'embedded PGlite'}, Redis ${config.redis.url}`,
    );
    const t0 = Date.now();
    const sids: string[] = [];
    await Promise.all(
      drawn.map(
        (c, i) =>
          new Promise<void>((resolve) =>
            setTimeout(() => {
              const { sid } = carrier.inboundCall({
                from: `+7916${String(1_000_000 + i)}`,
                to: config.twilio.hotlineNumber,
                url: `${base}/voice/incoming`,
                statusCallback: `${base}/voice/status`,
                script: {
                  answer: 'answer',
                  digits: ['1', '0'],
                  hangupAfterJoinMs: Math.round(c.talk * UNIT_MS),
                  ...(c.patience === undefined ? {} : { hangupAfterMs: Math.round(c.patience * UNIT_MS) }),
                },
              });
              sids[i] = sid;
              resolve();
            }, c.arrival * UNIT_MS),
          ),
      ),
    );
    const deadline = Date.now() + ((CALLERS * 300) / OPERATORS) * UNIT_MS * 2 + 60_000;
    while (sids.some((sid) => !carrier.calls.get(sid)!.ended) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    const realSeconds = (Date.now() - t0) / 1000;
    const still = sids.filter((sid) => !carrier.calls.get(sid)!.ended).length;

    // kinline, from the carrier's events.
    const sim = (ms: number) => ms / UNIT_MS;
    const per = sids.map((sid) => timeline.caller(sid));
    const joined = per.filter((p) => p.enqueuedAt !== undefined);
    const bridged = joined.filter((p) => p.bridgedAt !== undefined);
    const waits = bridged.map((p) => sim(p.bridgedAt! - p.enqueuedAt!));
    const abandoned = joined.filter((p) => p.result === 'hangup').length;
    const within = waits.filter((w) => w <= SERVICE_S).length;
    if (process.env.BENCH_DESK_DEBUG) console.log(timeline.debug(phones, sids.slice(0, 8)));
    const late = timeline.ringLateness(phones, WRAP_UP_REAL_S * 1000);
    // The ideal desk, fed the same callers at the times they actually joined the queue.
    const model: ModelCaller[] = per.flatMap((p, i) =>
      p.enqueuedAt === undefined
        ? []
        : [
            {
              enqueuedAt: sim(p.enqueuedAt - t0),
              talk: drawn[i].talk,
              hangsUpAt: drawn[i].patience === undefined ? undefined : sim(p.startedAt! - t0) + drawn[i].patience!,
            },
          ],
    );
    const ideal = idealDesk(model, OPERATORS, WRAP_UP_REAL_S * SCALE, 1 + RING_S);
    const iw = ideal.waits.filter((w): w is number => w !== undefined);
    const row = (label: string, sl: number, ws: number[], ab: number, n: number) =>
      console.log(
        `${label.padEnd(14)} service level ${pc(sl).padStart(7)}  wait avg ${s1(mean(ws)).padStart(6)} s  p95 ${s1(percentile(ws, 95)).padStart(6)} s  ` +
          `max ${s1(Math.max(...ws)).padStart(6)} s  abandoned ${ab}/${n} (${pc(ab / n)})`,
      );
    console.log(
      `ran ${realSeconds.toFixed(0)} s real = ${((realSeconds * SCALE) / 60).toFixed(0)} simulated min; ${joined.length}/${CALLERS} joined the queue, ` +
        `${bridged.length} bridged${still ? `, ${still} calls still up at the deadline` : ''}`,
    );
    if (joined.length < CALLERS) console.log(`callers who never joined the queue, by their last event: ${timeline.notJoined(sids)}`);
    console.log(`figures in simulated (real-life) seconds; service level = bridged within ${SERVICE_S} s of joining / all who joined`);
    row('kinline', within / joined.length, waits, abandoned, joined.length);
    row(
      'ideal desk',
      iw.filter((w) => w <= SERVICE_S).length / model.length,
      iw,
      ideal.waits.filter((w) => w === undefined).length,
      model.length,
    );
    console.log(
      `operator rung after the wrap-up ended, while callers waited (${late.length} times): ` +
        `p50 ${percentile(late, 50)} ms, p95 ${percentile(late, 95)} ms, max ${Math.max(...late)} ms real ` +
        `(goal under 1000 ms: ${Math.max(...late) < 1000 ? 'met' : 'NOT met'})`,
    );
    const idleRings = timeline.idleRingLatency(phones, sids);
    if (idleRings.length)
      console.log(
        `caller joined the queue → an idle operator rung (${idleRings.length} times): p50 ${percentile(idleRings, 50)} ms, max ${Math.max(...idleRings)} ms real`,
      );
    console.log(
      `callers bridged over 1 s before someone who joined earlier: ${timeline.outOfOrder(sids)}; bridged to two operators: ${timeline.doubleTakes()}; ` +
        `an operator rung while on a call: ${timeline.overlappingRings(phones)}`,
    );
    const handle = 150 + WRAP_UP_REAL_S * SCALE + RING_S;
    const load = (CALLERS / ARRIVAL_S) * handle;
    console.log(
      `Erlang C: this burst offers ${load.toFixed(0)} Erlangs to ${OPERATORS} operators (no steady state: the queue only drains after the burst); ` +
        `at S-07's 800 calls a day, if all reached an operator over 12 h: service level ${pc(erlangCServiceLevel(800 / 43_200, handle, OPERATORS, SERVICE_S))}`,
    );
  } finally {
    await tick.stop();
    carrier.shutdown();
    server.closeAllConnections();
    server.close();
    await deleteKeysByPrefix(redis, `${prefix}:`);
    redis.disconnect();
    await ctx.close();
    await scratch?.drop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
