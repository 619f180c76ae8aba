import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', '.output', '.wxt', 'dist', 'coverage', 'artifacts', '.emulator-data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['warn', { allow: ['info', 'warn', 'error'] }],
    },
  },
  {
    files: ['scripts/**', 'bench/**', 'emulator/**', 'e2e/**'],
    rules: { 'no-console': 'off' },
  },
  {
    // Content scripts and pages talk to the background only through lib/messaging.ts: they may not import
    // the worker's modules (tokens, the RC client, sync, the composition root).
    files: [
      'entrypoints/crm.content/**',
      'entrypoints/sidepanel/**',
      'entrypoints/options/**',
      'components/**',
      'lib/ui/**',
      'lib/crm/**',
    ],
    ignores: ['**/*.test.{ts,tsx}', '**/*.test-helpers.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/lib/background/**',
                '@/lib/background/**',
                '**/auth/session',
                '**/rc/client',
                '**/rc/current',
                '**/rc/token-store',
                '**/sync/engine',
                '**/sync/index',
                '**/outbox/outbox',
                '**/push/channel',
                '../background/**',
              ],
              message:
                'Only the background imports its modules; pages and content scripts use lib/messaging.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Playwright reads a fixture's dependencies from its first parameter, so a fixture without any has `{}`.
    files: ['e2e/fixtures.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
);
