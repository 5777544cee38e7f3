import type { Redis } from 'ioredis';
import type { Config } from './config/config.js';
import type { Logger } from './shared/logger.js';
import type { Clock } from './shared/clock.js';
import type { Repositories } from './storage/repositories/index.js';
import type { Metrics } from './shared/metrics.js';
import type { Request } from 'express';
import type { Principal } from './shared/principal.js';
import type { Telephony } from './telephony/port.js';
import type { CallQueues } from './queue/call-queues.js';
import type { CallOptions } from './config/call-options.js';

/**
 * Everything a use case or route may depend on, built once per process (or per test) and passed in.
 * Features add their own optional members here rather than importing singletons.
 */
export interface AppContext {
  config: Config;
  logger: Logger;
  clock: Clock;
  repos: Repositories;
  /** General-purpose connection: call state, rate limits, sessions. */
  redis: Redis;
  metrics: Metrics;
  /** Console sessions (installed by the console feature); resolves a session cookie to a principal. */
  sessions?: { resolve(req: Request): Promise<Principal | undefined> };
  /** The carrier (Twilio or the simulated carrier), built by src/telephony/create-telephony.ts. */
  telephony?: Telephony;
  /** Producer side of the supervised-call queues (src/queue/). */
  callQueues?: CallQueues;
  /** The token of the local command line (src/accounts/local-cli-token.ts), when this process accepts one. */
  localCliToken?: string;
  /**
   * True while startServer is still starting this process's workers after the HTTP server listens: /readyz
   * answers 503 until they run, so nothing takes the process for ready (or stops Redis under it) half-started.
   */
  starting?: boolean;
  /** Overrides of the supervised-call timing (tests shorten it). */
  callOptions?: Partial<CallOptions>;
}
