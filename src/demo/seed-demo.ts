import type { Repositories } from '../storage/repositories/index.js';
import { CONSENT_SCOPES, ROLES, type Detainee } from '../storage/schema.js';
import { normalisePhone } from '../shared/phone.js';
import { AppError } from '../shared/errors.js';
import { DEMO_DETAINEES, DEMO_FACILITY, type DemoContact, type DemoDetainee } from './demo-data.js';
import { formatWeeklyHours, hoursFromRows } from '../facilities/weekly-hours.js';
import { ensureDemoUser, type DemoLogin } from './ensure-demo-user.js';

export interface DemoFacility {
  id: number;
  name: string;
  timeZone: string;
  defaultLine: string | null;
  /** As stored (a facility seeded by an older demo keeps its hours), as text: "mon-sun 00:00-24:00". */
  callHours: string;
}

export interface DemoSet {
  facility: DemoFacility;
  detainees: (Omit<DemoDetainee, 'contacts'> & { id: number; contacts: (DemoContact & { id: number })[] })[];
  logins: DemoLogin[];
  /** True when this run created or restored anything. */
  changed: boolean;
}

async function ensureDetainee(repos: Repositories, d: DemoDetainee, facilityId: number): Promise<{ row: Detainee; changed: boolean }> {
  const want = {
    familyName: d.familyName,
    givenName: d.givenName,
    patronymic: d.patronymic,
    birthDate: d.birthDate,
    status: d.status,
    statusSource: 'demo data',
    healthCategory: d.healthCategory,
    possiblyDead: d.possiblyDead ?? false,
    facilityId,
    language: 'ru' as const,
    spokenName: d.spokenName ?? null,
  };
  const existing = await repos.detainees.findByReference(d.reference);
  if (!existing) return { row: await repos.detainees.create({ reference: d.reference, ...want }), changed: true };
  const same =
    existing.status === want.status &&
    existing.health_category === want.healthCategory &&
    existing.possibly_dead === want.possiblyDead &&
    existing.facility_id === facilityId &&
    existing.family_name === want.familyName;
  if (same) return { row: existing, changed: false };
  // A trial may have changed the demo detainee; the demo restores its case.
  return { row: (await repos.detainees.update(existing.id, want))!, changed: true };
}

async function ensureContact(repos: Repositories, detaineeId: number, c: DemoContact): Promise<{ id: number; changed: boolean }> {
  const phone = normalisePhone(c.phone);
  let changed = false;
  let row = await repos.contacts.findByDetaineeAndPhone(detaineeId, phone.e164);
  if (!row) {
    row = await repos.contacts.create({
      detaineeId,
      name: c.name,
      spokenName: c.spokenName ?? null,
      relationship: c.relationship,
      phone: phone.e164,
      timeZone: phone.timeZone,
      language: 'ru',
      secret: c.secret,
      blocked: c.blocked ?? false,
      nominated: c.nominated ?? false,
    });
    changed = true;
  } else {
    if (row.blocked !== (c.blocked ?? false) || row.nominated !== (c.nominated ?? false) || row.calls_stopped) {
      await repos.contacts.update(row.id, { blocked: c.blocked ?? false, nominated: c.nominated ?? false, callsStopped: false });
      changed = true;
    }
    if (c.secret && !repos.contacts.secretMatches(row, c.secret)) {
      await repos.contacts.setSecret(row.id, c.secret);
      changed = true;
    }
  }
  const current = await repos.consent.current(row.id);
  for (const scope of CONSENT_SCOPES) {
    const want = c.consent.includes(scope);
    if (current[scope] === want) continue;
    await repos.consent.append({
      contactId: row.id,
      scope,
      granted: want,
      language: 'ru',
      witness: 'demo data',
      prompt: 'demo consent',
      recordedBy: 'demo',
    });
    changed = true;
  }
  return { id: row.id, changed };
}

/**
 * Seeds the demo data set, idempotently: every run leaves the same records and returns the same set.
 * Refused in production, where fixed references and known secrets must never exist.
 */
export async function seedDemo(deps: { repos: Repositories; secretHashKey: string; env?: string; actor?: string }): Promise<DemoSet> {
  if (deps.env === 'production') throw new AppError('demo_in_production', 'the demo data set is refused when NODE_ENV=production');
  const { repos } = deps;
  let changed = false;
  const facility = await repos.facilities.upsert(DEMO_FACILITY);
  const detainees: DemoSet['detainees'] = [];
  for (const d of DEMO_DETAINEES) {
    const det = await ensureDetainee(repos, d, facility.id);
    changed ||= det.changed;
    const contacts = [];
    for (const c of d.contacts) {
      const r = await ensureContact(repos, det.row.id, c);
      changed ||= r.changed;
      contacts.push({ ...c, id: r.id });
    }
    detainees.push({ ...d, possiblyDead: d.possiblyDead ?? false, id: det.row.id, contacts });
  }
  const logins: DemoLogin[] = [];
  for (const role of ROLES) {
    const u = await ensureDemoUser(repos, deps.secretHashKey, role);
    changed ||= u.changed;
    logins.push(u.login);
  }
  if (changed)
    await repos.audit.append({
      actor: deps.actor ?? 'cli',
      action: 'demo.seed',
      subjectType: 'demo',
      detail: { detainees: detainees.length },
    });
  const callHours = formatWeeklyHours(hoursFromRows(await repos.facilities.callHours(facility.id)));
  return {
    facility: {
      id: facility.id,
      name: facility.name,
      timeZone: facility.time_zone,
      defaultLine: facility.default_line,
      callHours,
    },
    detainees,
    logins,
    changed,
  };
}
