import { randomBytes } from 'node:crypto';

/** A Twilio-shaped SID: the resource's two-letter prefix and 32 hex digits. */
export const newSid = (prefix: string) => prefix + randomBytes(16).toString('hex');
