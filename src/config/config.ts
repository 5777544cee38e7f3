import { createHash } from 'node:crypto';
import path from 'node:path';
import { configSchema } from './config-schema.js';

/** Thrown when the environment is wrong; the message is one line naming the variable. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export type Carrier = 'twilio' | 'simulated';

export interface Config {
  readonly http: {
    readonly port: number;
    readonly host: string;
    /** No trailing slash. Webhook signatures are checked against this plus the path (twilio-notes TW-01). */
    readonly publicBaseUrl: string;
    readonly maxBodyBytes: number;
    /** Express's `trust proxy`: false, a hop count, or the proxies' addresses; never `true` (a forged X-Forwarded-For). */
    readonly trustProxy: false | number | readonly string[];
  };
  readonly twilio: {
    readonly carrier: Carrier;
    readonly accountSid: string;
    readonly authToken: string;
    readonly hotlineNumber: string;
    readonly apiBaseUrl: string | undefined;
    readonly callsPerSecond: number;
  };
  readonly redis: { readonly url: string; readonly prefix: string };
  readonly database: { readonly url: string | undefined; readonly dataDir: string };
  readonly security: {
    readonly secretHashKey: string;
    readonly secretHashKeyIsDefault: boolean;
    readonly sessionTtlMinutes: number;
    /** Bearer token for GET /metrics; unset, /metrics is not served at all. */
    readonly metricsToken: string | undefined;
  };
  readonly hotline: {
    readonly operatorHoursStart: string;
    readonly operatorHoursEnd: string;
    readonly operatorTimeZone: string;
    readonly recordingEnabled: boolean;
    /** Status lookup limits (C-12, A-07). */
    readonly limits: {
      readonly callerLookups: number;
      readonly callerWindowSeconds: number;
      readonly referenceFailures: { readonly hour: number; readonly day: number; readonly month: number };
      /** Sized to the line: a caller needs well over 30 seconds of a line to reach a lookup. */
      readonly linePerMinute: number;
    };
  };
  /** Calling families back from tasks (C-07). */
  readonly callbacks: { readonly maxAttempts: number };
  /** The operator desk: seconds before a queued caller is offered a callback, and of wrap-up after a call. */
  readonly desk: { readonly maxWaitSeconds: number; readonly wrapUpSeconds: number };
  /** D-02: days without a recorded NIB report before a task. */
  readonly records: { readonly nibReportAlertDays: number };
  readonly retention: { readonly callLogDays: number; readonly messageDays: number; readonly recordingDays: number };
  readonly logLevel: string;
  readonly env: string;
}

// A lookup takes a caller well over 30 seconds of the line (greeting, menus, two numbers keyed in), so one
// channel cannot carry more than two a minute: the line's limit is never reached by the families it can carry.
const LOOKUPS_PER_CHANNEL_MINUTE = 2;

// The simulated carrier needs credentials of Twilio's shape to sign its webhooks.
const SIMULATED_ACCOUNT_SID = 'AC00000000000000000000000000000000';
const SIMULATED_AUTH_TOKEN = 'simulated-carrier-auth-token';

function deepFreeze<T>(o: T): T {
  for (const v of Object.values(o as object)) if (v && typeof v === 'object') deepFreeze(v);
  return Object.freeze(o);
}

/** Parses the environment once. Throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = configSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? 'environment');
    const value = env[name];
    const shown = value === undefined ? 'unset' : name.match(/TOKEN|SECRET|KEY|PASSWORD/) ? 'hidden' : JSON.stringify(value);
    throw new ConfigError(`${name} (${shown}) ${issue.message.replace(/^Invalid input: /, '')}`);
  }
  const e = parsed.data;
  const carrier: Carrier = e.TWILIO_ACCOUNT_SID ? 'twilio' : 'simulated';
  const publicBaseUrl = (e.PUBLIC_BASE_URL ?? `http://127.0.0.1:${e.PORT}`).replace(/\/+$/, '');
  const dataDir = path.resolve(e.DATA_DIR);
  // Without a configured key, derive one that is stable per data directory so a dev install keeps working
  // across restarts; production refuses to start without SECRET_HASH_KEY (see the schema).
  const devKey = createHash('sha256').update(`kinline-dev-key:${dataDir}`).digest('hex');
  return deepFreeze({
    http: { port: e.PORT, host: e.HOST, publicBaseUrl, maxBodyBytes: e.MAX_BODY_BYTES, trustProxy: e.TRUST_PROXY },
    twilio: {
      carrier,
      accountSid: e.TWILIO_ACCOUNT_SID ?? SIMULATED_ACCOUNT_SID,
      authToken: e.TWILIO_AUTH_TOKEN ?? SIMULATED_AUTH_TOKEN,
      hotlineNumber: e.TWILIO_HOTLINE_NUMBER ?? '+15005550006',
      apiBaseUrl: e.TWILIO_API_BASE_URL?.replace(/\/+$/, ''),
      callsPerSecond: e.TWILIO_CALLS_PER_SECOND,
    },
    redis: { url: e.REDIS_URL, prefix: e.REDIS_PREFIX },
    database: { url: e.DATABASE_URL, dataDir },
    security: {
      secretHashKey: e.SECRET_HASH_KEY ?? devKey,
      secretHashKeyIsDefault: !e.SECRET_HASH_KEY,
      sessionTtlMinutes: e.SESSION_TTL_MINUTES,
      metricsToken: e.METRICS_TOKEN,
    },
    hotline: {
      operatorHoursStart: e.OPERATOR_HOURS_START,
      operatorHoursEnd: e.OPERATOR_HOURS_END,
      operatorTimeZone: e.OPERATOR_TIME_ZONE,
      recordingEnabled: e.RECORDING_ENABLED,
      limits: {
        callerLookups: e.HOTLINE_CALLER_LOOKUPS,
        callerWindowSeconds: e.HOTLINE_CALLER_WINDOW_MINUTES * 60,
        referenceFailures: {
          hour: e.HOTLINE_REFERENCE_FAILURES_PER_HOUR,
          day: e.HOTLINE_REFERENCE_FAILURES_PER_DAY,
          month: e.HOTLINE_REFERENCE_FAILURES_PER_MONTH,
        },
        linePerMinute: e.HOTLINE_LINE_CHANNELS * LOOKUPS_PER_CHANNEL_MINUTE,
      },
    },
    callbacks: { maxAttempts: e.CALLBACK_MAX_ATTEMPTS },
    desk: { maxWaitSeconds: e.DESK_MAX_WAIT_SECONDS, wrapUpSeconds: e.DESK_WRAP_UP_SECONDS },
    records: { nibReportAlertDays: e.NIB_REPORT_ALERT_DAYS },
    retention: {
      callLogDays: e.RETENTION_CALL_LOG_DAYS,
      messageDays: e.RETENTION_MESSAGE_DAYS,
      recordingDays: e.RETENTION_RECORDING_DAYS,
    },
    logLevel: e.LOG_LEVEL,
    env: e.NODE_ENV,
  });
}
