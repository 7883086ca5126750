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
