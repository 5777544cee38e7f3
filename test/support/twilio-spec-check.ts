import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CapturedRequest } from '../../src/telephony/simulated/simulated-carrier-server.js';

type Schema = {
  type?: string;
  enum?: string[];
  $ref?: string;
  items?: Schema;
  format?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
};

const here = path.dirname(fileURLToPath(import.meta.url));
const specFile = path.resolve(here, '../fixtures/twilio-oai/twilio_api_v2010.json');
const spec = JSON.parse(fs.readFileSync(specFile, 'utf8')) as {
  paths: Record<string, Record<string, { operationId: string; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
  components: { schemas: Record<string, Schema> };
};

const resolve = (s: Schema): Schema => (s.$ref ? spec.components.schemas[s.$ref.split('/').pop()!] : s);

/** Values listed in prose ("Can be: `a`, `b`, and `c`"): Twilio documents several enums only there. */
function proseEnum(s: Schema): string[] | undefined {
  const m = s.description?.match(/Can be:? ((?:`[^`]+`(?:,? (?:and |or )?)?)+)/);
  return m ? [...m[1].matchAll(/`([^`]+)`/g)].map((x) => x[1]) : undefined;
}

const routes = Object.entries(spec.paths).map(([p, ops]) => ({
  re: new RegExp(`^${p.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
  ops,
}));

/** The operation a captured request hits, and every way it breaks the spec's requestBody schema. */
export function checkAgainstSpec(r: CapturedRequest): { operationId: string; problems: string[] } {
  const route = routes.find((x) => x.re.test(r.path));
  const op = route?.ops[r.method.toLowerCase()];
  if (!op) return { operationId: 'unknown', problems: [`no operation for ${r.method} ${r.path}`] };
  const schema = op.requestBody?.content['application/x-www-form-urlencoded']?.schema ?? { properties: {} };
  const problems: string[] = [];
  for (const req of schema.required ?? []) if (r.params[req] === undefined) problems.push(`${op.operationId}: required ${req} missing`);
  for (const [name, raw] of Object.entries(r.params)) {
    const prop = schema.properties?.[name];
    if (!prop) {
      problems.push(`${op.operationId}: unknown parameter ${name}`);
      continue;
    }
    const s = resolve(prop);
    const values = Array.isArray(raw) ? raw : [raw];
    if (s.type !== 'array' && values.length > 1) problems.push(`${op.operationId}: ${name} repeated but not an array`);
    const item = s.type === 'array' ? resolve(s.items ?? {}) : s;
    const allowed = item.enum ?? (item.type === 'boolean' ? undefined : proseEnum(s));
    // twilio-notes TW-15: calls take one event per repeated parameter; participants one space-separated value.
    const spaceSeparated = s.type === 'array' && /Separate multiple values with a space/i.test(s.description ?? '');
    if (spaceSeparated && values.length > 1) problems.push(`${op.operationId}: ${name} must be ONE space-separated value`);
    const tokens = spaceSeparated ? values.flatMap((v) => v.split(' ')) : values;
    for (const v of tokens) {
      if (item.type === 'boolean' && v !== 'true' && v !== 'false') problems.push(`${op.operationId}: ${name}=${v} is not a boolean`);
      if (item.type === 'integer' && !/^-?\d+$/.test(v)) problems.push(`${op.operationId}: ${name}=${v} is not an integer`);
      if (item.format === 'uri' && !/^https?:\/\//.test(v)) problems.push(`${op.operationId}: ${name} is not a URL`);
      if (allowed && !allowed.includes(v)) problems.push(`${op.operationId}: ${name}=${v} not in ${allowed.join('|')}`);
    }
  }
  return { operationId: op.operationId, problems };
}

/** How a JSON body breaks an object schema: properties the spec lacks, or of another type. */
function checkValue(where: string, v: unknown, raw: Schema & { nullable?: boolean }, problems: string[]): void {
  const s = resolve(raw) as Schema & { nullable?: boolean };
  if (v === null) {
    if (!s.nullable && !raw.nullable) problems.push(`${where} is null`);
    return;
  }
  if (s.type === 'integer' && !Number.isInteger(v)) problems.push(`${where}=${String(v)} is not an integer`);
  if (s.type === 'string' && typeof v !== 'string') problems.push(`${where} is not a string`);
  if (s.format === 'date-time-rfc-2822' && Number.isNaN(Date.parse(String(v)))) problems.push(`${where} is not an RFC 2822 date`);
  if (s.type === 'array') {
    if (!Array.isArray(v)) return void problems.push(`${where} is not an array`);
    v.forEach((x, i) => checkValue(`${where}[${i}]`, x, s.items ?? {}, problems));
  }
  if (s.properties && typeof v === 'object') {
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const p = s.properties[k];
      if (!p) problems.push(`${where}.${k} is not in the spec`);
      else checkValue(`${where}.${k}`, x, p, problems);
    }
  }
}

/** Every way a JSON answer breaks the spec's 200 response of `method path` (path below /Accounts/{AccountSid}). */
export function checkResponseAgainstSpec(method: string, path: string, body: unknown): string[] {
  const route = routes.find((x) => x.re.test(`/2010-04-01/Accounts/AC${'0'.repeat(32)}${path}`));
  const op = route?.ops[method] as { responses?: Record<string, { content?: Record<string, { schema: Schema }> }> } | undefined;
  const schema = op?.responses?.['200']?.content?.['application/json']?.schema;
  if (!schema) return [`no 200 response for ${method} ${path}`];
  const problems: string[] = [];
  checkValue('body', body, schema, problems);
  return problems;
}
