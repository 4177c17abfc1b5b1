// Import boundaries follow the process a file runs in: the core and CLI never see Electron,
// the renderer never sees Node or main-process code, and src-shared depends on nothing. Inside
// src-main, layers only look down: LAYERS lists what each folder must not import.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

const electronBan = {
  name: 'electron',
  message: 'The core runs without Electron: put this glue under src-main/electron.',
}

/** Folder of src-main → folders of src-main it must not import (besides Electron itself). */
export const LAYERS = {
  core: ['services', 'cli', 'electron'],
  services: ['cli', 'electron'],
  cli: ['electron'],
}

const LAYER_MESSAGES = {
  core: 'The core is plain TypeScript that every host uses: it imports no services, CLI or Electron code.',
  services: 'Services run in Node and Electron alike: they import no CLI or Electron code.',
  cli: 'The command line runs in plain Node: it imports no Electron code.',
}

function layerRules(layer) {
  return {
    files: [`src-main/${layer}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            { group: ['electron/*'], message: electronBan.message },
            ...LAYERS[layer].map((banned) => ({
              group: [
                `**/src-main/${banned}/**`,
                `../${banned}/**`,
                `../../${banned}/**`,
                `../../../${banned}/**`,
              ],
              message: LAYER_MESSAGES[layer],
            })),
          ],
        },
      ],
    },
  }
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      '.toolchain/**',
      'test-results/**',
      'playwright-report/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**', 'src-main/index.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [{ group: ['electron/*'], message: electronBan.message }],
        },
      ],
    },
  },
  ...Object.keys(LAYERS).map(layerRules),
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'The renderer talks to main only through window.cairn.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'The renderer is sandboxed: no Node modules.' },
            {
              group: ['**/src-main/**', '**/src-preload/**'],
              message: 'Use the shared API contract in src-shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', '**/src-main/**', '**/src-renderer/**'],
              message: 'Preload only bridges the shared contract.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electronBan],
          patterns: [
            {
              group: ['node:*', '**/src-main/**', '**/src-renderer/**', '**/src-preload/**'],
              message: 'src-shared is imported by every process and depends on nothing.',
            },
          ],
        },
      ],
    },
  },
)
