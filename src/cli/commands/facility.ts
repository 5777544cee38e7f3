import type { Command } from 'commander';
import { action, printJson } from '../run-command.js';
import { withApi, withUrlOption } from '../with-api.js';
import type { ApiClient } from '../api-client.js';
import { AppError } from '../../shared/errors.js';

interface Facility {
  id: number;
  name: string;
  timeZone: string;
  callHours: string;
  maxCallMinutes: number;
  weeklyCallQuota: number;
  contactFloorDays: number;
  defaultLine: string | null;
  lines: Array<{ id: number; phone: string; label: string | null }>;
}

interface SettingOpts {
  timeZone?: string;
  hours?: string;
  maxMinutes?: string;
  weeklyQuota?: string;
  floorDays?: string;
  defaultLine?: string;
  json?: boolean;
  url?: string;
}

/** The API's field names as the options that set them, so an error names what the person typed. */
const OPTION_OF: Record<string, string> = {
  name: 'NAME',
  timeZone: '--time-zone',
  callHours: '--hours',
  maxCallMinutes: '--max-minutes',
  weeklyCallQuota: '--weekly-quota',
  contactFloorDays: '--floor-days',
  defaultLine: '--default-line',
  phone: 'PHONE',
  label: '--label',
};

function namingOptions(e: unknown): never {
  const fields = e instanceof AppError ? (e.details?.fields as Array<{ field: string; problem: string }> | undefined) : undefined;
  if (!fields?.length) throw e;
  const err = e as AppError;
  throw new AppError(err.code, fields.map((f) => `${OPTION_OF[f.field] ?? f.field}: ${f.problem}`).join('; '), err.status, err.details);
}

// A number as typed; anything else is sent as given, so the server names the field and what is wrong.
const num = (v: string | undefined) => (v === undefined ? undefined : /^-?\d+$/.test(v.trim()) ? Number(v) : v);

const settings = (o: SettingOpts) => {
  const body = {
    timeZone: o.timeZone,
    callHours: o.hours,
    maxCallMinutes: num(o.maxMinutes),
    weeklyCallQuota: num(o.weeklyQuota),
    contactFloorDays: num(o.floorDays),
    defaultLine: o.defaultLine,
  };
  return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
};

const describe = (f: Facility) =>
  `${f.id}  ${f.name}  (${f.timeZone})\n` +
  `   call hours ${f.callHours}; at most ${f.maxCallMinutes} min a call, ${f.weeklyCallQuota} calls a week; contact floor ${f.contactFloorDays} days\n` +
  `   default line ${f.defaultLine ?? '(none)'}${f.lines.map((l) => `\n   line ${l.phone}${l.label ? `  ${l.label}` : ''}`).join('')}\n`;

const print = (f: Facility, json?: boolean) => (json ? printJson(f) : process.stdout.write(describe(f)));

/** A facility by its id or its exact name (names are unique). */
async function findFacility(api: ApiClient, nameOrId: string): Promise<Facility> {
  const { facilities } = await api.get<{ facilities: Facility[] }>('/api/facilities');
  const f = facilities.find((x) => String(x.id) === nameOrId.trim()) ?? facilities.find((x) => x.name === nameOrId);
  if (!f) throw new AppError('not_found', `no facility named ${nameOrId}; \`kinline facility list\` shows them`, 404);
  return f;
}

const settingOptions = (cmd: Command) =>
  withUrlOption(
    cmd
      .option('--time-zone <zone>', 'IANA time zone of the facility, e.g. Europe/Moscow')
      .option('--hours <text>', 'call hours per weekday, e.g. "mon-fri 09:00-18:00; sat 10:00-14:00"')
      .option('--max-minutes <n>', 'longest call, minutes')
      .option('--weekly-quota <n>', 'calls a detainee may have in a week')
      .option('--floor-days <n>', 'days without contact after which a detainee is flagged')
      .option('--default-line <e164>', 'the phone a call goes to unless another line is chosen')
      .option('--json', 'print the facility as JSON'),
  );

/** `kinline facility`: the facilities and their lines (A-08), through the REST API; every change is audited there. */
export function registerFacility(program: Command) {
  const facility = program.command('facility').description('facilities, their call settings and their lines');
  withUrlOption(
    facility.command('list').description('every facility with its settings and lines').option('--json', 'print as JSON'),
  ).action(
    action(async (config, o: { json?: boolean; url?: string }) => {
      const { facilities } = await withApi(config, o, (api) => api.get<{ facilities: Facility[] }>('/api/facilities'));
      if (o.json) return printJson(facilities);
      for (const f of facilities) process.stdout.write(describe(f));
      if (!facilities.length) process.stdout.write('no facilities: add one with `kinline facility add NAME`\n');
    }),
  );
  settingOptions(facility.command('add <name>').description('create a facility')).action(
    action(async (config, name: string, o: SettingOpts) => {
      const f = await withApi(config, o, (api) => api.post<Facility>('/api/facilities', { name, ...settings(o) })).catch(namingOptions);
      print(f, o.json);
    }),
  );
  settingOptions(facility.command('set <facility>').description('change settings of a facility, named by its name or id')).action(
    action(async (config, nameOrId: string, o: SettingOpts) => {
      const changes = settings(o);
      if (!Object.keys(changes).length) throw new AppError('nothing_to_change', 'give at least one option to change (see --help)');
      const f = await withApi(config, o, async (api) =>
        api.patch<Facility>(`/api/facilities/${(await findFacility(api, nameOrId)).id}`, changes),
      ).catch(namingOptions);
      print(f, o.json);
    }),
  );
  const line = facility.command('line').description("a facility's phone lines");
  withUrlOption(
    line
      .command('add <facility> <phone>')
      .description('add a phone (E.164) where a detainee and a guard take supervised calls')
      .option('--label <label>', 'e.g. "block B guard room"')
      .option('--json', 'print the line as JSON'),
  ).action(
    action(async (config, nameOrId: string, phone: string, o: { label?: string; json?: boolean; url?: string }) => {
      // The answer is the line or the facility with its lines: either way the number as stored is shown.
      const added = await withApi(config, o, async (api) =>
        api.post<{ phone?: string }>(`/api/facilities/${(await findFacility(api, nameOrId)).id}/lines`, {
          phone,
          ...(o.label !== undefined ? { label: o.label } : {}),
        }),
      ).catch(namingOptions);
      if (o.json) printJson(added);
      else process.stdout.write(`line ${added.phone ?? phone} added to ${nameOrId}\n`);
    }),
  );
}
