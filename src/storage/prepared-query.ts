import { inspect } from 'node:util';
import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';
import type { Db } from './database.js';
import { nameStatement } from './named-statements.js';

/**
 * A Kysely query whose SQL is compiled once and then run with fresh parameters.
 *
 * Compiling a builder query costs tens of microseconds of CPU per execution, more than the driver on the
 * webhook hot path. The SQL text of a query shape never changes, only its parameters, so the builder runs
 * once with a placeholder in place of every input; the compiled SQL is kept, and each execution fills a
 * new parameters array by position. The query still runs through `db.executeQuery`, so the dialect, driver,
 * connection pool and result plugins are the same as for a builder query.
 */
export interface PreparedQuery<I, R> {
  execute(db: Db, inputs: I): Promise<QueryResult<R>>;
  /** The compiled form for `db` (compiling it on first use); for tests and debugging. */
  compiled(db: Db): { sql: string; inputOrder: readonly string[] };
}

// A unique object per input: nothing a query could contain by accident, and found by identity (never by
// value), so two inputs with equal values can never be confused when mapping positions.
class Placeholder {
  constructor(readonly name: string) {}
}

interface Compiled {
  sql: string;
  /** The input name of each SQL parameter, $1 first. */
  inputOrder: readonly string[];
}

/**
 * Prepares `build` for repeated execution. `build` receives placeholders typed as the inputs `I` (they are
 * not real values: only pass them through to Kysely, never inspect or transform them in JavaScript), and
 * must use every input in `names` exactly once as a query parameter. Anything else is an error at build
 * time: an input used twice or not at all (e.g. inlined with `sql.lit`), or a parameter that is not an
 * input, which would be a value captured from the first call and silently reused by every later one.
 *
 * The compiled SQL is cached per database handle (a WeakMap), because plugins or another dialect could
 * compile the same builder differently; one compilation per handle and shape costs nothing.
 */
export function prepareQuery<I extends Record<string, unknown>, R>(
  names: readonly (keyof I & string)[],
  build: (db: Db, p: I) => Compilable<R>,
  opts: { /** Also a named statement on PostgreSQL (named-statements.ts): for the few that run all the time. */ named?: boolean } = {},
): PreparedQuery<I, R> {
  if (new Set(names).size !== names.length) throw new Error(`prepareQuery: duplicate input names in ${names.join(', ')}`);
  const cache = new WeakMap<Db, Compiled>();

  const compile = (db: Db): Compiled => {
    const placeholders = new Map(names.map((n) => [n, new Placeholder(n)]));
    // Reading an input that is not declared would give `undefined`, which Kysely silently drops from an
    // insert; fail instead.
    const p = new Proxy({} as I, {
      get(_, key) {
        const ph = typeof key === 'string' ? placeholders.get(key) : undefined;
        if (!ph) throw new Error(`prepareQuery: input ${String(key)} is not declared (declared: ${names.join(', ')})`);
        return ph;
      },
    });
    const q = build(db, p).compile();
    const inputOrder = q.parameters.map((v, i) => {
      if (!(v instanceof Placeholder) || placeholders.get(v.name) !== v) {
        throw new Error(`prepareQuery: parameter $${i + 1} is not an input placeholder (a constant or captured value: ${inspect(v)}); pass it as an input`);
      }
      return v.name;
    });
    for (const n of names) {
      const count = inputOrder.filter((o) => o === n).length;
      if (count !== 1) throw new Error(`prepareQuery: input ${n} appears ${count} times among the parameters; each input must be used exactly once`);
    }
    if (opts.named) nameStatement(q.sql);
    return { sql: q.sql, inputOrder };
  };

  const compiled = (db: Db): Compiled => {
    let c = cache.get(db);
    if (!c) {
      c = compile(db);
      cache.set(db, c);
    }
    return c;
  };

  return {
    compiled,
    // async, so a build-time error is a rejection like any query error.
    async execute(db, inputs) {
      const c = compiled(db);
      const params = c.inputOrder.map((n) => inputs[n]);
      return db.executeQuery(CompiledQuery.raw(c.sql, params) as CompiledQuery<R>);
    },
  };
}
