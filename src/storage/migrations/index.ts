import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001-initial.js';

// Migrations are listed here, not discovered on disk, so they work the same from src/ and dist/.
const migrations: Record<string, Migration> = {
  '001-initial': m001,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
