import fs from 'node:fs';
import path from 'node:path';

/**
 * Loads `.env` from the working directory when there is one, before any configuration is read, as
 * .env.example says. Variables already set in the environment win (Node's own loader keeps them).
 */
export function loadDotenv(dir = process.cwd()): string | undefined {
  const file = path.join(dir, '.env');
  if (!fs.existsSync(file)) return undefined;
  process.loadEnvFile(file);
  return file;
}

loadDotenv();
