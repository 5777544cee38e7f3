// Lint rules for kinline, run by `npm test` (test/unit/lint.test.ts). Besides the usual TypeScript checks,
// the import boundaries keep each dependency in its one home:
// - only src/telephony/twilio/ imports the twilio package (the carrier sits behind src/telephony/port.ts);
// - only src/queue/ and src/worker/ import bullmq;
// - only src/storage/ imports the database drivers and Kysely, and the rest of src/ reaches storage only
//   through its public modules: storage/schema, storage/repositories/index and storage/database.
import tseslint from 'typescript-eslint';
import globals from 'globals';

const twilio = { name: 'twilio', message: 'Only src/telephony/twilio/ talks to Twilio; use the Telephony port (src/telephony/port.ts).' };
const bullmq = { name: 'bullmq', message: 'Only src/queue/ and src/worker/ use BullMQ; enqueue through src/queue/.' };
const database = ['kysely', 'pg', '@electric-sql/pglite', 'kysely-pglite-dialect'].map((name) => ({
  name,
  message: 'SQL lives in src/storage/: call a repository method.',
}));
const storageInternals = {
  group: [
    '**/storage/repositories/*',
    '!**/storage/repositories/index.js',
    '**/storage/tables/*',
    '**/storage/migrations/*',
    '**/storage/embedded-lock.js',
    '**/storage/scratch-database.js',
  ],
  message: 'Use storage through storage/schema.js, storage/repositories/index.js or storage/database.js.',
};

/** no-restricted-imports with every boundary except the ones `allowed` names. */
function boundaries(allowed = {}) {
  const paths = [...(allowed.twilio ? [] : [twilio]), ...(allowed.bullmq ? [] : [bullmq]), ...(allowed.storage ? [] : database)];
  return { 'no-restricted-imports': ['error', { paths, patterns: allowed.storage ? [] : [storageInternals] }] };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'test-artifacts/', 'scratch/', 'coverage/'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['src/**/*.ts'], rules: boundaries() },
  { files: ['src/telephony/twilio/**/*.ts'], rules: boundaries({ twilio: true }) },
  { files: ['src/queue/**/*.ts', 'src/worker/**/*.ts'], rules: boundaries({ bullmq: true }) },
  { files: ['src/storage/**/*.ts'], rules: boundaries({ storage: true }) },
);
