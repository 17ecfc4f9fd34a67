import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import svelte from 'eslint-plugin-svelte';
import svelteParser from 'svelte-eslint-parser';
import globals from 'globals';
import ts from 'typescript-eslint';
import featureRepositoryImport from './lint-rules/feature-repository-import.js';
import typedArrayIndexAssertion from './lint-rules/typed-array-index-assertion.js';

// Hot-loop files: loops over typed arrays, where `xs[i]!` is allowed (and only that kind of `!`; see
// lint-rules/typed-array-index-assertion.js for why): the hot-spot engine, the dark-hours test run
// per point, the server's per-cell and per-point passes over the engine's results, point-in-area lookups
// for imports, and the pledge map's rasteriser.
const hotLoops = [
  'shared/src/hotspot/*.ts',
  'shared/src/geo/sun.ts',
  'server/src/features/hotspots/hotspot-{clusters,compare,csv,geojson,points,raster,tally}.ts',
  'server/src/features/imports/area-index.ts',
  'server/src/features/pledges/raster.ts',
  'server/src/features/pledges/pledge-map.ts',
];

export default defineConfig(
  globalIgnores(['**/node_modules/', 'web/build/', 'server/dist/', 'web/.svelte-kit/', 'data/', 'coverage/']),
  js.configs.recommended,
  ts.configs.recommended,
  svelte.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Keep personal data out of logs: server code logs through Fastify's redacting logger.
      'no-console': 'off',
      // The app is always served at the root path (one process with /api), so plain hrefs are right.
      'svelte/no-navigation-without-resolve': 'off',
    },
  },
  {
    // Type-aware rules everywhere but in plain JavaScript (configuration files and small scripts).
    files: ['**/*.ts', '**/*.svelte'],
    extends: [ts.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: {
          // SvelteKit's tsconfig leaves the service worker out (it runs in a worker scope): it has its own.
          allowDefaultProject: ['web/src/service-worker.ts'],
          defaultProject: 'web/tsconfig.service-worker.json',
        },
        tsconfigRootDir: import.meta.dirname,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
      // Stricter where it holds: the rules of strictTypeChecked that the code already passes. (Its
      // others flag intentional code here, e.g. spreading a string into code points.)
      '@typescript-eslint/no-dynamic-delete': 'error',
      '@typescript-eslint/no-extraneous-class': 'error',
      '@typescript-eslint/no-mixed-enums': 'error',
      '@typescript-eslint/no-non-null-asserted-nullish-coalescing': 'error',
      '@typescript-eslint/no-unnecessary-template-expression': 'error',
      '@typescript-eslint/no-unnecessary-type-arguments': 'error',
      '@typescript-eslint/no-useless-constructor': 'error',
      '@typescript-eslint/no-useless-default-assignment': 'error',
      '@typescript-eslint/prefer-literal-enum-member': 'error',
      '@typescript-eslint/prefer-reduce-type-parameter': 'error',
      '@typescript-eslint/prefer-return-this-type': 'error',
      '@typescript-eslint/related-getter-setter-pairs': 'error',
      '@typescript-eslint/unified-signatures': 'error',
      '@typescript-eslint/use-unknown-in-catch-callback-variable': 'error',
    },
  },
  {
    // The type-checked set puts the TypeScript parser on every file it covers; components need the
    // Svelte parser, which hands their scripts to TypeScript's.
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parser: svelteParser, parserOptions: { parser: ts.parser } },
  },
  {
    // Tests read JSON responses, which are untyped (`any`) until a test narrows them; flagging every
    // member access on them would bury the findings that matter. The other type-aware rules stay on.
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // A Fastify plugin or hook returns a promise (or takes a callback) by contract, so `async (app) => {
    // app.get(…) }` is its documented form even when there is nothing to await.
    files: ['server/src/**/*-routes.ts', 'server/src/**/*-plugin.ts', 'server/src/plugins/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    files: hotLoops,
    ignores: ['**/*.test.ts'],
    plugins: { local: { rules: { 'typed-array-index-assertion': typedArrayIndexAssertion } } },
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', 'local/typed-array-index-assertion': 'error' },
  },
  {
    // A feature calls another feature's service, never its repository (see the rule's file). The audit
    // log stays a shared facility: every feature writes its entry inside its own transaction.
    files: ['server/src/features/**/*.ts'],
    plugins: { owners: { rules: { 'feature-repository-import': featureRepositoryImport } } },
    rules: { 'owners/feature-repository-import': ['error', { allow: ['audit/audit-repository'] }] },
  },
);
