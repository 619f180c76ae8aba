import js from '@eslint/js';
import signals from '@preact/eslint-plugin-signals';
import tseslint from 'typescript-eslint';

// What only the background may import: pages and content scripts reach it through lib/messaging.ts.
const backgroundOnly = {
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
  message: 'Only the background imports its modules; pages and content scripts use lib/messaging.ts.',
};

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
    // The Preact team's rules against signal misuse (a write inside computed, a signal object tested for
    // truthiness, signals created in a component body). Typed, so the rules see which values are signals.
    // Left off: no-value-after-await flags every async action (actions read state after an await on purpose;
    // nothing tracks them), and no-conditional-value-read flags guards on locals read from a signal (`const t =
    // thread.value; if (!t) …`), which are tracked.
    files: ['lib/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    plugins: { signals },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      'signals/no-signal-write-in-computed': 'error',
      'signals/no-signal-truthiness': 'error',
      'signals/no-signal-in-component-body': 'error',
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
          patterns: [backgroundOnly],
        },
      ],
    },
  },
  {
    // The CRM content script runs inside pages we do not control: storage.local is closed to it (Chromium,
    // lib/background/storage-access.ts), so it asks the background instead (docs/architecture.md, "What a CRM
    // page's renderer can read").
    files: ['entrypoints/crm.content/**'],
    ignores: ['**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            backgroundOnly,
            {
              group: ['**/lib/storage', '@/lib/storage', '**/storage'],
              message:
                'The content script cannot read storage.local; ask the background over lib/messaging.ts.',
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
