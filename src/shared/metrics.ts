import { Counter, Registry, collectDefaultMetrics } from 'prom-client';

/** A registry per app instance, so tests can build several apps in one process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'kinline_' });
  return {
    registry,
    httpRequests: new Counter({
      name: 'kinline_http_requests_total',
      help: 'HTTP requests by route group and status',
      labelNames: ['group', 'status'] as const,
      registers: [registry],
    }),
    importRows: new Counter({
      name: 'kinline_import_rows_total',
      help: 'Rows imported, by result',
      labelNames: ['result'] as const,
      registers: [registry],
    }),
    dials: new Counter({
      name: 'kinline_dials_total',
      help: 'Outbound dial attempts by outcome',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
