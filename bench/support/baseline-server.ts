/**
 * The baseline of the webhook benchmark as a program, started like kinline: `node dist/bench/support/baseline-server.js`
 * with PORT, HOST, PUBLIC_BASE_URL and TWILIO_AUTH_TOKEN in the environment. Stops on SIGTERM or SIGINT.
 */
import http from 'node:http';
import { createBaselineApp } from './baseline-app.js';

const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? '127.0.0.1';
const publicBaseUrl = (process.env.PUBLIC_BASE_URL ?? `http://${host}:${port}`).replace(/\/+$/, '');
const authToken = process.env.TWILIO_AUTH_TOKEN;
if (!authToken) {
  process.stderr.write('baseline: TWILIO_AUTH_TOKEN is required (the token webhooks are signed with)\n');
  process.exit(2);
}

const server = http.createServer(createBaselineApp(authToken, publicBaseUrl));
server.listen(port, host, () => process.stderr.write(`baseline listening on http://${host}:${port} (public ${publicBaseUrl})\n`));
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
