import { createHmac } from 'node:crypto';

/** A keyed hash: what Redis and the database keep instead of a reference or a caller number (C-13). */
export const keyedHash = (keyMaterial: string, value: string) =>
  createHmac('sha256', keyMaterial).update(value).digest('base64url').slice(0, 22);

/** The key a caller number is known by outside the call itself: lookup limits and operator flags (O-06). */
export const callerKey = (keyMaterial: string, number: string) => keyedHash(keyMaterial, `c:${number}`);
