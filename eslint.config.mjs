// Lint rules that keep the layers apart: the domain core stays pure, so the app
// and the server run the same rules and can never disagree.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const coreForbidden = [
  { group: ['electron', 'electron/*'], message: 'src/core is pure: no Electron.' },
  { group: ['react', 'react-dom', 'react/*', 'react-dom/*'], message: 'src/core is pure: no React.' },
  { group: ['dexie', 'dexie-*'], message: 'src/core is pure: no Dexie (storage lives in the renderer).' },
  { group: ['zustand', 'zustand/*'], message: 'src/core is pure: no Zustand.' },
  {
    group: ['fastify', 'fastify/*', '@fastify/*', 'pg', '@electric-sql/*'],
    message: 'src/core is pure: no server code.',
  },
  {
    group: ['node:*', 'fs', 'path', 'os', 'crypto', 'http', 'child_process'],
    message: 'src/core is pure: no Node APIs.',
  },
  {
    group: ['**/main/**', '**/renderer/**', '**/server/**', '**/preload/**'],
    message: 'src/core must not import the layers built on it.',
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-definitions': ['error', 'type'],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: false } }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': ['error', { patterns: coreForbidden }],
      'no-restricted-globals': [
        'error',
        ...['window', 'document', 'navigator', 'localStorage', 'indexedDB', 'fetch', 'process', 'Buffer'].map(
          (name) => ({
            name,
            message: 'src/core is pure: pass what you need in.',
          }),
        ),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Domain functions take `now` as an argument; no hidden clock.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Domain functions take `now` as an argument; no hidden clock.',
        },
        {
          selector: "CallExpression[callee.object.name='DateTime'][callee.property.name='now']",
          message: 'Domain functions take `now` as an argument; no hidden clock.',
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
