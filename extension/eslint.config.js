// ESLint flat config. The manifest loads code three ways, and each gets the globals it really has:
// - content scripts, extension pages (ui/, options/, popup/) and lib/: classic scripts that share
//   one namespace object, globalThis.PostGuard (no bare cross-file globals), in a browser window;
// - background/: ES modules in the MV3 service worker (Chrome) or event page (Firefox);
// - tests/: Node ES modules (node --test) that drive a real Chromium through playwright-core;
// - scripts/: Node ES modules run by `make dist` (build.mjs).
import js from '@eslint/js';
import globals from 'globals';

export default [
  // The fixture bundle is generated (npm run build:fixture) from tests/fixtures/src/.
  { ignores: ['node_modules/', 'test-results/', 'tests/fixtures/facebook_fixture.js'] },
  js.configs.recommended,
  {
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    files: ['lib/**/*.js', 'content/**/*.js', 'ui/**/*.js', 'options/**/*.js', 'popup/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: { ...globals.browser },
    },
  },
  {
    files: ['background/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.serviceworker, ...globals.webextensions },
    },
  },
  {
    // The fixture's source: an ES module bundled for a web page.
    files: ['tests/fixtures/src/**/*.js'],
    languageOptions: { sourceType: 'module', globals: { ...globals.browser } },
  },
  {
    // Functions passed to evaluate() run in the page or the extension's worker: their globals too.
    files: ['tests/**/*.mjs', 'scripts/**/*.mjs', 'eslint.config.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.node, ...globals.browser, ...globals.webextensions },
    },
  },
];
