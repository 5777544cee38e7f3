import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial.js';
import * as m004 from './004-supervised-calls.js';
import * as m005 from './005-lookup-suspensions.js';
import * as m006 from './006-no-account-lock.js';
import * as m008 from './008-user-time-zone.js';
import * as m007 from './007-facility-admin.js';
import * as m009 from './009-desk-queue.js';
import * as m010 from './010-desk-wrap-ups.js';
// Calling families back from tasks.
import * as m011 from './011-task-calls.js';
// Cyrillic names for speech; the detainee's decision after hearing who answered.
import * as m012 from './012-spoken-names.js';
// Protections: contact-floor dates, caller flags, the caller-desk role.
import * as m013 from './013-protections.js';
// Reasons to both sides, recordings that expire.
import * as m015 from './015-reasons-and-rights.js';

// Migrations are listed here, not discovered on disk, so they work the same from src/ and dist/.
const migrations: Record<string, Migration> = {
  '001-initial': m001,
  '004-supervised-calls': m004,
  '005-lookup-suspensions': m005,
  '006-no-account-lock': m006,
  '007-facility-admin': m007,
  '008-user-time-zone': m008,
  '009-desk-queue': m009,
  '010-desk-wrap-ups': m010,
  '011-task-calls': m011,
  '012-spoken-names': m012,
  '013-protections': m013,
  '015-reasons-and-rights': m015,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
