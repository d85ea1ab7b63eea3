// ESLint (flat config) over every JavaScript file of the repository: the extension, the
// playground, the browser benchmark, the tests and the scripts. `make lint` runs it (and so
// `make test` and CI); ESLint itself is pinned in package.json, installed by `npm ci`.
// The rules are ESLint's recommended set (mistakes, not style: formatting is left to review),
// plus the few below, each saying why.

import js from '@eslint/js';
import globals from 'globals';

export default [
  {
    // Built or copied, never edited here: the wasm-bindgen glue, vendored fflate, the
    // playground's copies of the extension's shared UI files, outputs.
    ignores: [
      'target/**',
      'node_modules/**',
      '.venv/**',
      'dist/**',
      'extension/pkg/**',
      'extension/vendor/**',
      'www/pkg/**',
      'www/shared/**',
      'bench/out/**',
      'tests/e2e/out/**',
    ],
  },
  js.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `catch (_) {}` and unused `_`-prefixed parameters say "deliberately ignored"; a rest
      // sibling (`const { markdown, ...summary } = record`) is how a field is left out.
      'no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      // A comparison with itself or a `==` coercion hides a real bug.
      'no-self-compare': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // A `map`/`filter` callback that forgets to return, a `${x}` in a plain string, a loop
      // whose condition never changes: each is a bug, never a style.
      'array-callback-return': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
      // Bindings are `const` unless reassigned; `var`'s function scope is never wanted.
      'prefer-const': 'error',
      'no-var': 'error',
      // The extension never evaluates strings as code (its CSP forbids it anyway).
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    // Extension pages, its service worker / event page, the content-script function and the
    // playground: browser globals and the WebExtension namespaces (`chrome`, `browser`).
    files: ['extension/**/*.js', 'www/**/*.js', 'bench/browser/ext/**/*.js'],
    languageOptions: { globals: { ...globals.browser, ...globals.webextensions } },
  },
  {
    // Node scripts and tests. Those that drive a browser (Playwright's `page.evaluate` and
    // `serviceWorker.evaluate`, the benchmark) pass functions that run in a page or in the
    // extension's service worker, so browser and WebExtension globals are known too.
    files: ['**/*.mjs', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser, ...globals.webextensions } },
  },
];
