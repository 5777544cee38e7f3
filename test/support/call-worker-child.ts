// A whole kinline (web + call workers) in a child process, so a test can kill it with SIGKILL mid-dial.
// Environment: the usual kinline variables, plus KL_CALL_OPTIONS (JSON) for shortened call timing.
import http from 'node:http';
import { loadConfig } from '../../src/config/config.js';
import { buildContext } from '../../src/server/build-context.js';
import { createApp } from '../../src/server/create-app.js';
import { startCallWorkers } from '../../src/worker/start-call-workers.js';

const config = loadConfig();
const ctx = await buildContext(config);
ctx.callOptions = JSON.parse(process.env.KL_CALL_OPTIONS ?? '{}');
const server = http.createServer(createApp(ctx));
await new Promise<void>((r) => server.listen(config.http.port, '127.0.0.1', r));
const workers = await startCallWorkers(ctx, { lockDuration: 1_000, stalledInterval: 500 });
process.stdout.write('READY\n');
process.on('SIGTERM', async () => {
  await workers.stop();
  server.closeAllConnections();
  server.close();
  await ctx.close();
  process.exit(0);
});
