import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import layerFences from './eslint-rules/layer-fences.js';
import noProcessTags from './eslint-rules/no-process-tags.js';
import svelteConfig from './svelte.config.js';

export default ts.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'test-results/', 'playwright-report/', 'native/', '.kiosk-data/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { kiosk: { rules: { 'layer-fences': layerFences, 'no-process-tags': noProcessTags } } },
    rules: {
      'kiosk/layer-fences': 'error',
      'kiosk/no-process-tags': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,svelte}', 'src/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig },
    },
  },
  {
    // A function over 100 lines hides its seams: production code is split into small, named steps. Tests and test
    // support are exempt, since a long table of cases reads best in one place.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.test.ts', 'src/**/testing/**'],
    rules: { 'max-lines-per-function': ['error', { max: 100, skipBlankLines: true, skipComments: true }] },
  },
  {
    // Only one file may register IPC handlers, so every way into main is in one place to review.
    files: ['src/**/*.ts'],
    ignores: ['src/main/ipc-handlers.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "ImportSpecifier[imported.name='ipcMain']",
          message: 'Only src/main/ipc-handlers.ts may use ipcMain.',
        },
        {
          selector: "MemberExpression[property.name='ipcMain']",
          message: 'Only src/main/ipc-handlers.ts may use ipcMain.',
        },
      ],
    },
  },
);
