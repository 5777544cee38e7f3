import type { DetaineeRepository } from '../storage/repositories/index.js';
import type { Detainee } from '../storage/schema.js';
import { generateReference } from '../shared/reference.js';
import type { ImportRow } from './import-row-schema.js';
import { datesOf } from './import-date-columns.js';

export interface RowState {
  line: number;
  row: ImportRow;
  detaineeId?: number;
  changed: boolean;
  /** The row stored its contact's secret (a new contact, or a secret that changed). */
  secretSet?: boolean;
  reason?: string;
}

const naturalKey = (family: string, given: string, birth: string | null) =>
  `${family.toLowerCase()}\u0000${given.toLowerCase()}\u0000${birth ?? ''}`;

function desiredFields(row: ImportRow, facilityId: number | null) {
  return {
    family_name: row.family_name,
    given_name: row.given_name,
    patronymic: row.patronymic,
    birth_date: row.birth_date ?? null,
    status: row.status,
    status_source: row.status_source,
    health_category: row.health_category ?? null,
    possibly_dead: row.possibly_dead,
    facility_id: facilityId,
    language: row.language,
    spoken_name: row.spoken_name,
    ...datesOf(row),
  };
}
type Fields = ReturnType<typeof desiredFields>;

// The CSV column behind each field. A column left out of the file leaves that field of a stored detainee alone.
const COLUMN: Record<keyof Fields, string> = {
  family_name: 'family_name',
  given_name: 'given_name',
  patronymic: 'patronymic',
  birth_date: 'birth_date',
  status: 'status',
  status_source: 'status_source',
  health_category: 'health_category',
  possibly_dead: 'possibly_dead',
  facility_id: 'facility',
  language: 'language',
  spoken_name: 'spoken_name',
  nib_reported_at: 'nib_reported_at',
  arrived_at: 'arrived_at',
};
const managed = (f: Fields, columns: ReadonlySet<string>): Partial<Fields> =>
  Object.fromEntries(Object.entries(f).filter(([k]) => columns.has(COLUMN[k as keyof Fields])));

function differs(d: Detainee, f: Partial<Fields>): boolean {
  const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);
  return (Object.keys(f) as (keyof Fields)[]).some((k) => !same(d[k] ?? null, f[k] ?? null));
}

/**
 * Matches each row's detainee by reference, else by family name + given name + birth date, and creates or
 * updates it inside the batch's transaction. Rows naming the same detainee must agree (checked within a batch).
 */
export async function importDetainees(
  detainees: DetaineeRepository,
  rows: RowState[],
  facilities: Map<string, number>,
  columns: ReadonlySet<string>,
): Promise<void> {
  const refs = [...new Set(rows.flatMap((r) => (r.row.reference ? [r.row.reference] : [])))];
  // Rows with a reference are checked against the natural key too, so one person never gets two records.
  const natural = rows;
  const byRef = new Map<string, Detainee>();
  for (const d of await detainees.listByReferences(refs)) byRef.set(d.reference, d);
  const byNat = new Map<string, Detainee[]>();
  const families = [...new Set(natural.map((r) => r.row.family_name.toLowerCase()))];
  const givens = [...new Set(natural.map((r) => r.row.given_name.toLowerCase()))];
  for (const d of await detainees.listByNames(families, givens)) {
    const k = naturalKey(d.family_name, d.given_name, d.birth_date);
    byNat.set(k, [...(byNat.get(k) ?? []), d]);
  }

  const targets = new Map<string, { existing?: Detainee; reference?: string; fields: Fields; rows: RowState[] }>();
  for (const r of rows) {
    const fields = desiredFields(r.row, r.row.facility ? (facilities.get(r.row.facility) ?? null) : null);
    let key: string;
    let existing: Detainee | undefined;
    const nk = naturalKey(r.row.family_name, r.row.given_name, r.row.birth_date ?? null);
    if (r.row.reference) {
      key = `ref:${r.row.reference}`;
      existing = byRef.get(r.row.reference);
      // A reference is trusted only with the person it belongs to: one detainee never overwrites another.
      if (existing && naturalKey(existing.family_name, existing.given_name, existing.birth_date) !== nk) {
        r.reason = 'reference belongs to a detainee with another name or birth date: correct the row, or the detainee in the console';
        continue;
      }
      if (!existing && byNat.has(nk)) {
        r.reason = 'a detainee with this name and birth date is registered under another reference';
        continue;
      }
    } else {
      key = `nat:${nk}`;
      const matches = byNat.get(nk) ?? [];
      if (matches.length > 1) {
        r.reason = 'matches more than one detainee by name and birth date: give the reference';
        continue;
      }
      existing = matches[0];
    }
    if (existing?.protection_concern && columns.has('status') && fields.status === 'released' && existing.status !== 'released') {
      // D-10: a release of a detainee who fears reprisal needs a person's acknowledgment, which a file cannot give.
      r.reason = 'this detainee has a recorded protection concern (D-10): release him in the console, where it is acknowledged';
      continue;
    }
    const t = targets.get(key) ?? { existing, reference: r.row.reference, fields, rows: [] };
    if (t.rows.length && JSON.stringify(t.fields) !== JSON.stringify(fields)) {
      // Two rows disagreeing about one person would flip the record on every re-import.
      r.reason = `names the same detainee as line ${t.rows[0].line} but with different details`;
      continue;
    }
    t.rows.push(r);
    targets.set(key, t);
    if (!existing || differs(existing, managed(fields, columns))) r.changed = true;
  }

  const now = new Date();
  const creates = [...targets.values()].filter((t) => !t.existing);
  const given = new Set(refs);
  const issue = () => {
    let ref = generateReference();
    while (given.has(ref)) ref = generateReference();
    return ref;
  };
  for (let attempt = 0; creates.length && attempt < 5; attempt++) {
    // A generated reference may collide with a stored one (10^9 space): those rows get a new one and retry.
    const withRefs = creates.map((t) => ({ t, reference: t.reference ?? issue() }));
    const inserted = await detainees.insertMany(
      withRefs.map(({ t, reference }) => ({ ...t.fields, reference, status_at: now, updated_at: now })),
    );
    const ids = new Map(inserted.map((d) => [d.reference, d.id]));
    for (let i = creates.length - 1; i >= 0; i--) {
      const id = ids.get(withRefs[i].reference);
      if (id === undefined) continue;
      for (const r of creates[i].rows) r.detaineeId = id;
      creates.splice(i, 1);
    }
    // A given reference taken meanwhile (e.g. by a concurrent import) cannot be retried with another number.
    for (let i = creates.length - 1; i >= 0; i--) {
      if (!creates[i].reference) continue;
      for (const r of creates[i].rows) r.reason = 'reference is already in use';
      creates.splice(i, 1);
    }
  }
  if (creates.length) throw new Error('could not allocate unique references for the batch');

  for (const t of targets.values()) {
    if (!t.existing) continue;
    for (const r of t.rows) r.detaineeId = t.existing.id;
    const set = managed(t.fields, columns);
    if (!differs(t.existing, set)) continue;
    const statusAt = set.status !== undefined && t.existing.status !== set.status ? { status_at: now } : {};
    await detainees.setColumns(t.existing.id, { ...set, ...statusAt, updated_at: now });
  }
}
