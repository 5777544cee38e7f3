import pino, { type Logger } from 'pino';
import { redactPhones } from './redact.js';

export type { Logger };

// Fields that may carry a name, a number or a secret anywhere in a log object.
const SENSITIVE_KEYS = [
  'phone',
  'from',
  'to',
  'From',
  'To',
  'Caller',
  'Called',
  'caller',
  'callee',
  'name',
  'familyName',
  'givenName',
  'contactName',
  // Names for speech (D-11), and the supervised call's session variable of who answered.
  'spokenName',
  'spoken_name',
  'contact_name',
  'secret',
  'digits',
  'Digits',
  'password',
  'token',
  'authorization',
  'cookie',
  'reference',
  'facilityLine',
  'supervisorPhone',
  'contactPhone',
  'body',
  'text',
];
const redactPaths = SENSITIVE_KEYS.flatMap((k) => [k, `*.${k}`, `*.*.${k}`]);

/**
 * The one logger factory. Known sensitive keys are censored, and any phone number that slipped into a
 * message string is masked, because a log line is the easiest place for data to leak (C-13).
 */
export function createLogger(level = 'info', destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { app: 'kinline' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? redactPhones(a) : a));
          return method.apply(this, masked as Parameters<typeof method>);
        },
      },
      serializers: {
        // The stack repeats the message, so it is masked too.
        err: (e: Error) => ({ type: e?.name, message: redactPhones(String(e?.message ?? e)), stack: e?.stack && redactPhones(e.stack) }),
      },
    },
    destination,
  );
}
