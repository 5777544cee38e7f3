import { isIP } from 'node:net';
import { z } from 'zod';
import { findPlaintextTransport } from './transport-security.js';

/** An address, a subnet, or a name Express's `trust proxy` knows (loopback, linklocal, uniquelocal). */
function isProxyAddress(a: string): boolean {
  if (['loopback', 'linklocal', 'uniquelocal'].includes(a)) return true;
  const [ip, bits, extra] = a.split('/');
  if (extra !== undefined || !isIP(ip)) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (isIP(ip) === 4 ? 32 : 128));
}

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM, e.g. 09:00');

/**
 * Every environment variable kinline reads. Each one is documented in .env.example.
 * Keys are the variable names so that an error can name the variable exactly.
 */
export const configSchema = z
  .object({
    // HTTP
    PORT: port.default(3000),
    HOST: z.string().default('127.0.0.1'),
    PUBLIC_BASE_URL: optionalString.pipe(
      z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL such as https://hotline.example.org' }).optional(),
    ),
    MAX_BODY_BYTES: positiveInt.default(16384),
    TRUST_PROXY: z
      .string()
      .trim()
      .default('false')
      .refine(
        (v) => v !== 'true',
        "must name the proxy (its address, e.g. 10.0.0.5 or loopback) or the number of proxies in front; 'true' would trust any X-Forwarded-For a client sends",
      )
      .refine(
        (v) => v === 'false' || /^\d{1,2}$/.test(v) || v.split(',').every((a) => isProxyAddress(a.trim())),
        'must be false, a hop count such as 1, or addresses/subnets such as 10.0.0.5, 10.0.0.0/8 or loopback, comma-separated',
      )
      .transform((v): false | number | string[] =>
        v === 'false' ? false : /^\d+$/.test(v) ? Number(v) : v.split(',').map((a) => a.trim()),
      ),

    // Twilio
    TWILIO_ACCOUNT_SID: optionalString.pipe(
      z
        .string()
        .regex(/^AC[0-9a-fA-F]{32}$/, 'must look like AC followed by 32 hex digits')
        .optional(),
    ),
    TWILIO_AUTH_TOKEN: optionalString,
    TWILIO_HOTLINE_NUMBER: optionalString.pipe(
      z
        .string()
        .regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 number such as +380441234567')
        .optional(),
    ),
    TWILIO_API_BASE_URL: optionalString.pipe(
      z.url({ protocol: /^https?$/, message: 'must be an absolute http(s) URL such as http://127.0.0.1:4010' }).optional(),
    ),
    TWILIO_CALLS_PER_SECOND: z.coerce.number().positive().max(100).default(1),

    // Redis
    REDIS_URL: z.url({ protocol: /^rediss?$/, message: 'must be a redis:// or rediss:// URL' }).default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9:_-]+$/, 'may hold only letters, digits, : _ and -')
      .default('kinline'),

    // Database
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave it unset to use the embedded database)')
        .optional(),
    ),
    DATA_DIR: z.string().default('./data'),
    // hosts reached without TLS in production although they are not this machine (see transport-security.ts).
    PLAINTEXT_DATASTORE_HOSTS: z
      .string()
      .default('')
      .transform((v) =>
        v
          .split(',')
          .map((h) => h.trim().toLowerCase())
          .filter(Boolean),
      ),

    // Security
    SECRET_HASH_KEY: optionalString.pipe(
      z.string().min(32, 'must be at least 32 characters (generate one with: openssl rand -hex 32)').optional(),
    ),
    SESSION_TTL_MINUTES: positiveInt.default(480),
    METRICS_TOKEN: optionalString.pipe(
      z.string().min(24, 'must be at least 24 characters (generate one with: openssl rand -hex 16)').optional(),
    ),

    // Hotline behaviour
    OPERATOR_HOURS_START: hhmm.default('08:00'),
    OPERATOR_HOURS_END: hhmm.default('20:00'),
    OPERATOR_TIME_ZONE: z
      .string()
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en-GB', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'must be an IANA time zone such as Europe/Kyiv')
      .default('Europe/Kyiv'),
    RECORDING_ENABLED: bool.default(false),

    // The operator desk (O-05, S-07): after this wait a queued caller may ask for a callback instead; after a call
    // an operator has this long to write it up before the desk rings them again.
    DESK_MAX_WAIT_SECONDS: positiveInt.default(300),
    DESK_WRAP_UP_SECONDS: positiveInt.default(60),

    // Status lookup limits (C-12, A-07); the README shows the guessing odds they give.
    HOTLINE_CALLER_LOOKUPS: positiveInt.default(5),
    HOTLINE_CALLER_WINDOW_MINUTES: positiveInt.default(60),
    HOTLINE_REFERENCE_FAILURES_PER_HOUR: positiveInt.default(2),
    HOTLINE_REFERENCE_FAILURES_PER_DAY: positiveInt.default(3),
    HOTLINE_REFERENCE_FAILURES_PER_MONTH: positiveInt.default(3),
    HOTLINE_LINE_CHANNELS: positiveInt.default(30),

    // Calling families back from tasks (C-07): dials of the family's number before a task goes back to a supervisor.
    CALLBACK_MAX_ATTEMPTS: positiveInt.default(3),

    // Retention, in days
    // D-02: days after capture or arrival before a missing NIB report date raises a task.
    NIB_REPORT_ALERT_DAYS: positiveInt.default(3),
    RETENTION_CALL_LOG_DAYS: positiveInt.default(90),
    RETENTION_MESSAGE_DAYS: positiveInt.default(30),
    RETENTION_RECORDING_DAYS: positiveInt.default(30),

    // Logging
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    NODE_ENV: z.string().default('development'),
  })
  .superRefine((env, ctx) => {
    const twilioVars = ['TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'TWILIO_HOTLINE_NUMBER'] as const;
    const set = twilioVars.filter((k) => env[k] !== undefined);
    if (set.length > 0 && set.length < twilioVars.length) {
      for (const k of twilioVars.filter((v) => env[v] === undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: [k],
          message: `is required when ${set.join(', ')} ${set.length > 1 ? 'are' : 'is'} set (set all three for a real Twilio account, or none for the simulated carrier)`,
        });
      }
    }
    if (set.length === twilioVars.length && !env.PUBLIC_BASE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['PUBLIC_BASE_URL'],
        message: 'is required with a real Twilio account: Twilio signs webhooks against this URL (twilio-notes TW-01)',
      });
    }
    if (env.HOTLINE_REFERENCE_FAILURES_PER_DAY < env.HOTLINE_REFERENCE_FAILURES_PER_HOUR) {
      ctx.addIssue({
        code: 'custom',
        path: ['HOTLINE_REFERENCE_FAILURES_PER_DAY'],
        message: 'must be at least HOTLINE_REFERENCE_FAILURES_PER_HOUR',
      });
    }
    if (env.HOTLINE_REFERENCE_FAILURES_PER_MONTH < env.HOTLINE_REFERENCE_FAILURES_PER_DAY) {
      ctx.addIssue({
        code: 'custom',
        path: ['HOTLINE_REFERENCE_FAILURES_PER_MONTH'],
        message: 'must be at least HOTLINE_REFERENCE_FAILURES_PER_DAY',
      });
    }
    if (env.NODE_ENV === 'production' && !env.SECRET_HASH_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['SECRET_HASH_KEY'],
        message: 'is required in production: it keys the hash of the DTMF secrets and must never be stored in the database',
      });
    }
    if (env.NODE_ENV === 'production' && set.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['TWILIO_ACCOUNT_SID'],
        message:
          'is required in production: without Twilio credentials kinline runs the simulated carrier, whose signing token is public, so anyone could forge webhooks (set NODE_ENV=development for a trial)',
      });
    }
    if (env.NODE_ENV === 'production') {
      for (const p of findPlaintextTransport(env)) ctx.addIssue({ code: 'custom', path: [p.variable], message: p.message });
    }
  });

export type RawConfig = z.infer<typeof configSchema>;
