import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A DTMF secret is 4 to 8 digits, chosen by the detainee. */
export const SECRET_PATTERN = /^\d{4,8}$/;
/**
 * New secrets have 6 digits. 4 and 5 are still accepted (a detainee may already have told his family one), but
 * a 4-digit secret is a hundred times easier to guess than a 6-digit one (C-03; README, "Lookup limits").
 */
export const RECOMMENDED_SECRET_DIGITS = 6;
export const SHORT_SECRET_WARNING =
  'secret has fewer than 6 digits: it is accepted, but a 4-digit secret is a hundred times easier to guess than a 6-digit one';

/**
 * Keyed hash of a short numeric secret. A slow hash alone cannot protect 10^4..10^8 candidates, so the
 * hash is keyed with a server key that never enters the database: a stolen database alone is useless.
 */
export function hashSecret(secret: string, key: string, salt = randomBytes(16).toString('hex')) {
  const hash = createHmac('sha256', key).update(`${salt}:${secret}`).digest('hex');
  return { salt, hash };
}

export function verifySecret(secret: string, key: string, salt: string, expectedHash: string): boolean {
  const { hash } = hashSecret(secret, key, salt);
  const a = Buffer.from(hash, 'hex');
  const b = Buffer.from(expectedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
