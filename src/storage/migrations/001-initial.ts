import { sql, type Kysely } from 'kysely';

// Each statement is run on its own: PGlite's query protocol takes one statement at a time.
const statements = [
  `CREATE TABLE facilities (
    id serial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    time_zone text NOT NULL DEFAULT 'Europe/Kyiv',
    call_hours_start text NOT NULL DEFAULT '09:00',
    call_hours_end text NOT NULL DEFAULT '18:00',
    default_line text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE detainees (
    id serial PRIMARY KEY,
    reference char(10) NOT NULL UNIQUE,
    family_name text NOT NULL,
    given_name text NOT NULL,
    patronymic text,
    birth_date date,
    status text NOT NULL CHECK (status IN ('held','hospitalised','deceased','released','transferred','unknown')),
    status_source text,
    status_at timestamptz NOT NULL DEFAULT now(),
    health_category text CHECK (health_category IN ('good','fair','under_treatment','serious','critical')),
    possibly_dead boolean NOT NULL DEFAULT false,
    facility_id integer REFERENCES facilities(id),
    language text NOT NULL DEFAULT 'ru' CHECK (language IN ('ru','uk','en')),
    nib_reported_at timestamptz,
    protection_concern boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX detainees_name_idx ON detainees (lower(family_name), lower(given_name), birth_date)`,
  `CREATE TABLE contacts (
    id serial PRIMARY KEY,
    detainee_id integer NOT NULL REFERENCES detainees(id) ON DELETE CASCADE,
    name text NOT NULL,
    relationship text NOT NULL,
    phone text NOT NULL,
    time_zone text NOT NULL,
    language text NOT NULL DEFAULT 'ru' CHECK (language IN ('ru','uk','en')),
    secret_hash text,
    secret_salt text,
    blocked boolean NOT NULL DEFAULT false,
    nominated boolean NOT NULL DEFAULT false,
    calls_stopped boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (detainee_id, phone)
  )`,
  `CREATE INDEX contacts_phone_idx ON contacts (phone)`,
  `CREATE TABLE consent_entries (
    id serial PRIMARY KEY,
    contact_id integer NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
    scope text NOT NULL CHECK (scope IN ('held','health','messages','calls')),
    granted boolean NOT NULL,
    language text NOT NULL CHECK (language IN ('ru','uk','en')),
    witness text NOT NULL,
    prompt text,
    recorded_by text,
    at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX consent_entries_contact_idx ON consent_entries (contact_id, scope, id)`,
  `CREATE TABLE enquiries (
    id serial PRIMARY KEY,
    call_sid text UNIQUE,
    sought_name text,
    sought_birth_year integer,
    caller_name text,
    relationship text,
    callback_phone text,
    language text NOT NULL DEFAULT 'ru',
    preferred_hours text,
    recording_sid text,
    status text NOT NULL DEFAULT 'open',
    notes text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE call_requests (
    id serial PRIMARY KEY,
    detainee_id integer NOT NULL REFERENCES detainees(id),
    contact_id integer NOT NULL REFERENCES contacts(id),
    source text NOT NULL CHECK (source IN ('hotline','detainee','operator')),
    earliest timestamptz NOT NULL,
    max_minutes integer NOT NULL DEFAULT 10,
    language text NOT NULL DEFAULT 'ru',
    status text NOT NULL DEFAULT 'pending_approval',
    requested_by text,
    decided_by text,
    decided_at timestamptz,
    reason text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE messages (
    id serial PRIMARY KEY,
    detainee_id integer NOT NULL REFERENCES detainees(id),
    contact_id integer REFERENCES contacts(id),
    direction text NOT NULL CHECK (direction IN ('to_detainee','from_detainee')),
    kind text NOT NULL DEFAULT 'voice',
    recording_sid text,
    recording_url text,
    duration_seconds integer,
    call_sid text,
    status text NOT NULL DEFAULT 'pending_review',
    review_due_at timestamptz,
    reviewed_by text,
    reviewed_at timestamptz,
    review_reason text,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE UNIQUE INDEX messages_recording_idx ON messages (recording_sid) WHERE recording_sid IS NOT NULL`,
  `CREATE TABLE scheduled_calls (
    id uuid PRIMARY KEY,
    request_id integer REFERENCES call_requests(id),
    detainee_id integer NOT NULL REFERENCES detainees(id),
    contact_id integer NOT NULL REFERENCES contacts(id),
    facility_line text NOT NULL,
    supervisor_phone text NOT NULL,
    supervisor text,
    start_at timestamptz NOT NULL,
    max_minutes integer NOT NULL,
    language text NOT NULL DEFAULT 'ru',
    interpreter boolean NOT NULL DEFAULT false,
    state text NOT NULL DEFAULT 'scheduled',
    attempts integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 3,
    final_reason text,
    conference_sid text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE INDEX scheduled_calls_state_idx ON scheduled_calls (state, start_at)`,
  `CREATE TABLE call_attempts (
    id serial PRIMARY KEY,
    call_id uuid NOT NULL REFERENCES scheduled_calls(id) ON DELETE CASCADE,
    attempt_no integer NOT NULL,
    claimed_at timestamptz NOT NULL DEFAULT now(),
    facility_call_sid text UNIQUE,
    relative_call_sid text UNIQUE,
    monitor_call_sid text UNIQUE,
    outcome text,
    ended_at timestamptz,
    UNIQUE (call_id, attempt_no)
  )`,
  `CREATE TABLE call_events (
    id serial PRIMARY KEY,
    call_id uuid NOT NULL REFERENCES scheduled_calls(id) ON DELETE CASCADE,
    at timestamptz NOT NULL DEFAULT now(),
    kind text NOT NULL,
    actor text,
    detail jsonb NOT NULL DEFAULT '{}',
    dedupe_key text UNIQUE
  )`,
  `CREATE INDEX call_events_call_idx ON call_events (call_id, id)`,
  `CREATE TABLE call_logs (
    call_sid text PRIMARY KEY,
    direction text NOT NULL,
    from_masked text,
    language text,
    started_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    path jsonb NOT NULL DEFAULT '[]',
    outcome text,
    final_status text,
    duration_seconds integer,
    last_sequence integer NOT NULL DEFAULT -1,
    flagged boolean NOT NULL DEFAULT false,
    stir_verstat text
  )`,
  `CREATE INDEX call_logs_started_idx ON call_logs (started_at)`,
  `CREATE TABLE tasks (
    id serial PRIMARY KEY,
    kind text NOT NULL,
    priority integer NOT NULL DEFAULT 3,
    restricted boolean NOT NULL DEFAULT false,
    detainee_id integer REFERENCES detainees(id),
    contact_id integer REFERENCES contacts(id),
    call_sid text,
    callback_phone text,
    callback_window text,
    language text,
    summary text,
    status text NOT NULL DEFAULT 'open',
    assigned_to text,
    created_at timestamptz NOT NULL DEFAULT now(),
    closed_at timestamptz
  )`,
  `CREATE UNIQUE INDEX tasks_call_kind_idx ON tasks (call_sid, kind) WHERE call_sid IS NOT NULL`,
  `CREATE TABLE users (
    id serial PRIMARY KEY,
    username text NOT NULL UNIQUE,
    display_name text,
    password_hash text NOT NULL,
    role text NOT NULL CHECK (role IN ('operator','supervisor','admin')),
    language text NOT NULL DEFAULT 'uk',
    failed_logins integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    disabled boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE api_tokens (
    id serial PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name text NOT NULL,
    token_hash text NOT NULL UNIQUE,
    scopes text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    last_used_at timestamptz
  )`,
  `CREATE TABLE audit_log (
    id serial PRIMARY KEY,
    seq integer NOT NULL UNIQUE,
    at timestamptz NOT NULL,
    actor text NOT NULL,
    action text NOT NULL,
    subject_type text,
    subject_id text,
    detail jsonb NOT NULL DEFAULT '{}',
    prev_hash text NOT NULL,
    hash text NOT NULL
  )`,
  `CREATE TABLE audit_head (
    id integer PRIMARY KEY CHECK (id = 1),
    seq integer NOT NULL,
    hash text NOT NULL
  )`,
  `INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, 'genesis')`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

// Dependents first.
const TABLES =
  'audit_head audit_log api_tokens users tasks call_logs call_events call_attempts scheduled_calls messages call_requests enquiries consent_entries contacts detainees facilities';

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of TABLES.split(' ')) await sql.raw(`DROP TABLE IF EXISTS ${t}`).execute(db);
}
