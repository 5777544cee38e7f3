import { createHash } from 'node:crypto';
import type pg from 'pg';

/**
 * SQL texts that run on every webhook, sent to PostgreSQL as named prepared statements: the server parses and
 * plans each once per connection instead of on every execution. That parse and plan was most of PostgreSQL's
 * CPU per status query (a three-table join) and per call-log upsert. Only registered texts are named (see
 * prepareQuery's `named`), so a rarely run or one-off query never fills a connection's statement cache.
 * DATABASE_NAMED_STATEMENTS=false turns this off, for poolers in transaction mode that cannot keep them.
 */
const names = new Map<string, string>();

/** Registers `sql` (the exact text Kysely sends); its name is derived from the text, so it never collides. */
export function nameStatement(sql: string): void {
  if (!names.has(sql)) names.set(sql, `kl_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`);
}

/** The registered name of `sql`, if any. */
export function statementName(sql: string): string | undefined {
  return names.get(sql);
}

type Query = pg.PoolClient['query'];
// PostgreSQL's "cached plan must not change result type": a migration changed a column the statement returns.
const PLAN_INVALID = '0A000';

/**
 * Makes every client of `pool` send registered texts as named statements. Kysely's PostgreSQL driver calls
 * client.query(text, values); this turns that call into query({ name, text, values }) for a registered text
 * and leaves every other call untouched. A statement whose cached plan a schema change invalidated is
 * dropped and prepared again, once, instead of failing on that connection for as long as it lives.
 */
export function useNamedStatements(pool: pg.Pool): void {
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
    client.query = function (this: unknown, ...args: unknown[]) {
      const [text, values] = args;
      const name = typeof text === 'string' && Array.isArray(values) && args.length === 2 ? names.get(text) : undefined;
      if (!name) return query(...args);
      return query({ name, text, values }).catch(async (e: unknown) => {
        if ((e as { code?: string }).code !== PLAN_INVALID) throw e;
        await query(`DEALLOCATE "${name}"`);
        // pg remembers which names this connection has prepared; forget this one so it is parsed again.
        const parsed = (client as unknown as { connection?: { parsedStatements?: Record<string, string> } }).connection?.parsedStatements;
        if (parsed) delete parsed[name];
        return query({ name, text, values });
      });
    } as Query;
  });
}
