import { randomInt } from 'node:crypto';

// Damm's quasigroup of order 10: detects every single-digit error and every adjacent transposition (C-04).
const DAMM = [
  [0, 3, 1, 7, 5, 9, 8, 6, 4, 2],
  [7, 0, 9, 2, 1, 5, 4, 8, 6, 3],
  [4, 2, 0, 6, 8, 7, 1, 3, 5, 9],
  [1, 7, 5, 0, 9, 8, 3, 4, 2, 6],
  [6, 1, 2, 3, 0, 4, 5, 9, 7, 8],
  [3, 6, 7, 4, 2, 0, 9, 5, 8, 1],
  [5, 8, 6, 9, 7, 2, 0, 1, 3, 4],
  [8, 9, 4, 5, 3, 6, 2, 0, 1, 7],
  [9, 4, 3, 8, 6, 1, 7, 2, 0, 5],
  [2, 5, 8, 1, 4, 3, 6, 7, 9, 0],
];

export function dammCheckDigit(digits: string): number {
  let interim = 0;
  for (const ch of digits) interim = DAMM[interim][ch.charCodeAt(0) - 48];
  return interim;
}

export const REFERENCE_LENGTH = 10;

/** True when `ref` is 10 digits whose last is the Damm check digit of the first nine. No database is touched. */
export function isValidReference(ref: string): boolean {
  return /^\d{10}$/.test(ref) && dammCheckDigit(ref) === 0;
}

/**
 * A new reference: 9 digits from the CSPRNG plus a check digit. Never sequential and never derived from
 * personal data (C-04). The first digit is 1-9 so the number never loses a leading zero in a spreadsheet.
 */
export function generateReference(random: (max: number) => number = randomInt): string {
  let body = String(1 + random(9));
  for (let i = 0; i < 8; i++) body += String(random(10));
  return body + String(dammCheckDigit(body));
}
