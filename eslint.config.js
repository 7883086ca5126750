import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'build/**',
      'node_modules/**',
      'data/**',
      'test-results/**',
      'playwright-report/**',
      '.cache/**',
      // Function bundles (npm run build:functions): generated, not source.
      'functions/*/dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Browser code must never import server-only modules (DESIGN §2).
    files: ['app/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node-appwrite', 'better-sqlite3', '**/server/**'],
              message: 'app/ reaches the server only through procedures (createCaller) or type imports.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
  {
    // Layers point down (issue 12): services and jobs are called by tRPC, HTTP, jobs and
    // Functions alike, so they never reach up into those layers. Types come from
    // server/services/scope.ts. Tests beside the services may drive the real router.
    files: ['server/services/**/*.ts', 'server/jobs/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/trpc/**', '**/http/**'],
              message:
                'Services and jobs sit below tRPC and HTTP: take a ServiceScope (server/services/scope.ts) instead.',
            },
          ],
        },
      ],
    },
  },
  {
    // shared/ is imported by the browser and the server alike: zod and itself only (types aside).
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/server/**',
                '**/app/**',
                '~/*',
                'node:*',
                '@remix-run/*',
                'node-appwrite',
                'better-sqlite3',
              ],
              message: 'shared/ must stay importable by browser and server code: zod and shared/ only.',
              allowTypeImports: true,
            },
          ],
        },
      ],
    },
  },
);
