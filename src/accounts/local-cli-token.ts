import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Where a server holding the embedded database leaves the token of the local command line. */
export const cliTokenFile = (dataDir: string) => path.join(dataDir, 'cli-token');

export const newLocalCliToken = () => `kl_cli_${randomBytes(32).toString('base64url')}`;

/**
 * Writes a fresh token readable only by the server's own user (0600), as the database files are: whoever may
 * read it may open the database directly anyway. Returns how to remove it at stop.
 */
export function writeLocalCliToken(dataDir: string, token: string): () => void {
  const file = cliTokenFile(dataDir);
  fs.rmSync(file, { force: true }); // a file left by a killed server may belong to someone else's umask
  fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8').trim() === token) fs.unlinkSync(file);
    } catch {
      /* already gone */
    }
  };
}

export function readLocalCliToken(dataDir: string): string | null {
  try {
    return fs.readFileSync(cliTokenFile(dataDir), 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** Constant-time comparison, so the token cannot be guessed byte by byte from response times. */
export function isLocalCliToken(expected: string | undefined, given: string): boolean {
  if (!expected) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
