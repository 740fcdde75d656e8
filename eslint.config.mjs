// ESLint (typescript-eslint) with the module boundaries the house keeps: `npm run lint`, run by CI.
import { readdirSync } from 'node:fs';
import tseslint from 'typescript-eslint';

/**
 * Which domain modules each module may use. A module uses another's entities (as GraphQL and ORM
 * types), types and public service only; the dependencies point one way (no cycles), and a new
 * module must be placed here before it lints. Type-only imports are free (they vanish at run time).
 */
const MODULE_DEPENDENCIES = {
  agency: [],
  board: ['agency'],
  'audit-log': [],
  'sub-group': ['board'],
  user: ['agency', 'board'],
  auth: ['user'],
  membership: ['agency', 'board', 'sub-group'],
  meeting: ['action', 'agency', 'board', 'sub-group', 'membership'],
  action: ['agency', 'board'],
  audit: ['action', 'agency', 'board'],
  calendar: [],
  'case-review': ['action', 'agency', 'board', 'calendar'],
  'business-plan': ['action', 'board', 'sub-group'],
  scorecard: ['agency', 'board', 'business-plan', 'sub-group'],
  notification: ['board', 'user'],
  report: ['action', 'agency', 'audit', 'board', 'business-plan', 'case-review', 'meeting', 'membership', 'scorecard', 'sub-group'],
};

const modules = readdirSync(new URL('./src/modules', import.meta.url), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
const unplaced = modules.filter((m) => !(m in MODULE_DEPENDENCIES));
if (unplaced.length) throw new Error(`eslint.config.mjs: place module(s) ${unplaced.join(', ')} in MODULE_DEPENDENCIES`);

const PRIVATE_FILES = {
  group: ['../*/*.resolver', '../*/*.loaders', '../*/*.queries', '../*/*.module', '../*/*.inputs'],
  message: "Resolvers, loaders, queries and inputs are private to their module: use its service, entities or types.",
};

const boundaries = modules.map((m) => {
  const forbidden = modules.filter((other) => other !== m && !MODULE_DEPENDENCIES[m].includes(other));
  const patterns = [PRIVATE_FILES];
  if (forbidden.length) {
    patterns.push({
      group: forbidden.map((other) => `../${other}/*`),
      allowTypeImports: true,
      message: `Module ${m} may use only ${MODULE_DEPENDENCIES[m].join(', ') || 'no other module'} (eslint.config.mjs); invert the dependency (a registry, as action sources do) or move the field resolver to the module that owns the data.`,
    });
  }
  return { files: [`src/modules/${m}/**/*.ts`], rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } };
});

/**
 * The web app (src/web) is a client of the schema: it runs GraphQL operations through src/schema.ts
 * with a context from src/context.ts, so it may use the shared layers and those, but no module's
 * entities, services or resolvers (types only), and never the access or read-scope internals.
 */
const WEB_LAYER = {
  files: ['src/web/**/*.ts'],
  rules: {
    '@typescript-eslint/no-restricted-imports': [
      'error',
      {
        patterns: [
          { group: ['**/modules/**'], allowTypeImports: true, message: 'The web app reaches the domain through GraphQL operations (src/web/operations), not module internals.' },
          { group: ['**/access/read-scope', '**/access/policy', '**/access/guard', '**/loaders', '**/resolvers'], allowTypeImports: true, message: 'The web app runs operations through the schema; access is the schema guard\'s.' },
        ],
      },
    ],
  },
};

export default tseslint.config(
  { ignores: ['dist/**', 'dist-bench/**', 'node_modules/**', '.data/**', 'coverage/**', '**/generated/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // Raw rows from PostgreSQL and type-graphql's roots meet loosely typed code in a few places.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...boundaries,
  WEB_LAYER,
  {
    // The shared layers know nothing of the domain modules.
    files: ['src/common/**/*.ts', 'src/rules/**/*.ts', 'src/database/**/*.ts', 'src/config/**/*.ts', 'src/access/**/*.ts'],
    // The entity list is the composition root of the ORM, like src/services.ts of the services.
    ignores: ['src/database/entities.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/modules/**'], allowTypeImports: true, message: 'Shared layers (common, rules, database, config, access) must not import domain modules.' }] },
      ],
    },
  },
);
