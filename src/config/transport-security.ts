import { isIP } from 'node:net';

/**
 * personal data must not cross a network in clear. In production, a DATABASE_URL or REDIS_URL that
 * leaves this machine must use TLS (PostgreSQL `sslmode=require|verify-ca|verify-full`, Redis `rediss://`),
 * unless its host is named in PLAINTEXT_DATASTORE_HOSTS (a private network the operator vouches for, such
 * as docker compose's own).
 */
export interface PlaintextTransport {
  variable: 'DATABASE_URL' | 'REDIS_URL';
  host: string;
  message: string;
}

const TLS_SSLMODES = ['require', 'verify-ca', 'verify-full'];

function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === '' || h === 'localhost' || h.startsWith('/')) return true; // no host or a socket path: this machine
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1';
}

function hostOf(url: URL): string {
  // PostgreSQL may name a socket directory in ?host= instead of the authority.
  return url.hostname || url.searchParams.get('host') || '';
}

export function findPlaintextTransport(env: {
  DATABASE_URL?: string;
  REDIS_URL: string;
  PLAINTEXT_DATASTORE_HOSTS: string[];
}): PlaintextTransport[] {
  const allowed = (host: string) => isLoopback(host) || env.PLAINTEXT_DATASTORE_HOSTS.includes(host.toLowerCase());
  const found: PlaintextTransport[] = [];
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    const host = hostOf(url);
    const tls = TLS_SSLMODES.includes(url.searchParams.get('sslmode') ?? '') || url.searchParams.get('ssl') === 'true';
    if (!tls && !allowed(host)) {
      found.push({
        variable: 'DATABASE_URL',
        host,
        message: `reaches ${host} without TLS in production: add ?sslmode=verify-full (or require), or name the host in PLAINTEXT_DATASTORE_HOSTS if the network between is private`,
      });
    }
  }
  const redis = new URL(env.REDIS_URL);
  if (redis.protocol !== 'rediss:' && !allowed(redis.hostname)) {
    found.push({
      variable: 'REDIS_URL',
      host: redis.hostname,
      message: `reaches ${redis.hostname} without TLS in production: use rediss://, or name the host in PLAINTEXT_DATASTORE_HOSTS if the network between is private`,
    });
  }
  return found;
}
