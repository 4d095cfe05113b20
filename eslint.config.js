// Lint with zero warnings. Folders are processes: shared/ is plain TypeScript (no Node, no
// Electron, no DOM); renderer/ is the DOM and React (no Node, no Electron); main/ may use both.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'tls', 'url', 'util', 'stream', 'events', 'worker_threads', 'zlib', 'buffer'];
const nodeAndElectron = [...nodeBuiltins, 'electron', 'electron/*', '@electron/*', 'better-sqlite3-multiple-ciphers', 'ws'];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-results/**', 'playwright-report/**', 'e2e/artifacts/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "Property[key.name='nodeIntegration'][value.value=true]", message: 'nodeIntegration must stay off.' },
        { selector: "Property[key.name='sandbox'][value.value=false]", message: 'The renderer stays sandboxed.' },
        { selector: "Property[key.name='webSecurity'][value.value=false]", message: 'webSecurity must stay on.' },
        { selector: "CallExpression[callee.object.name='child_process'][callee.property.name='fork']", message: 'Use utilityProcess, not child_process.fork, in main.' },
      ],
      'no-restricted-imports': ['error', { patterns: [{ group: ['@electron/remote'], message: '@electron/remote is not allowed.' }] }],
    },
  },
  {
    files: ['main/**/*.ts', 'bench/**/*.ts', 'e2e/**/*.ts', '*.ts', '*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeAndElectron, message: 'shared/ is plain TypeScript: no Node, no Electron.' },
          { group: ['react', 'react-dom', 'react-dom/*', '../main/*', '../renderer/*', '**/main/**', '**/renderer/**'], message: 'shared/ imports nothing from main/, renderer/ or the DOM.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: nodeAndElectron, message: 'renderer/ runs in the browser sandbox: no Node, no Electron. Talk to main through shared/contract.ts.' },
          { group: ['**/main/**', '../main/*', '../../main/*'], message: 'renderer/ reaches main only through shared/contract.ts.' },
        ],
      }],
      'no-restricted-globals': ['error', 'process', 'require', 'Buffer'],
    },
  },
);
