// knip (`npm run knip`, in npm test): unused files, exports and dependencies. Entry points are what
// runs or is loaded by path: bins, oclif commands and hooks (the bundler's entries), scripts, tests,
// benches; each package's `exports` (package.json) is its public API. A deliberate export nothing
// uses yet is kept with a `@public` JSDoc tag, not deleted.

// Mocha specs and the helpers they import (.mocharc.json: test/**/*.test.ts).
const tests = ['test/**/*.test.ts'];
// What oclif loads and bundle-plugin.mjs bundles (helmtsBundle in package.json): commands, found by path.
const commands = ['src/commands/**/*.ts'];

/** @type {import('knip').KnipConfig} */
export default {
  ignore: ['**/dist/**', '**/test/fixtures/**', '**/test/**/fixtures/**', 'packages/proto/src/generated/**'],
  // System tools the code and tests run, which no npm package provides (openssl in repo's TLS tests,
  // the local cluster's kubectl, ldd and unshare for the Tiller image, GnuPG for signing keys, Go for
  // recording Kubernetes' API lifecycles).
  ignoreBinaries: ['openssl', 'kubectl', 'ldd', 'unshare', 'script', 'gpg', 'gpgconf', 'go'],
  workspaces: {
    '.': {
      // bench/startup/installed.ts runs with `node --import tsx` (it needs the registry test's helpers).
      entry: [
        'bench/*/run.mjs',
        'bench/startup/installed.ts',
        'bench/startup/release-commands.mjs',
        'bench/search/helmts-repo-cli.cjs',
        'scripts/**/*.{mjs,cjs}',
        '*.config.{js,cjs}',
      ],
      // The `helmts` binary of a checkout loads every workspace plugin (bin/run.cjs); lerna publishes (lerna.json).
      ignoreDependencies: [
        '@helmts/core',
        '@helmts/plugin-create',
        '@helmts/plugin-release',
        '@helmts/plugin-repo',
        'lerna',
        // Started by path (require.resolve('verdaccio/package.json')) in plugin-release's registry tests.
        'verdaccio',
      ],
    },
    'packages/core': {
      entry: ['scripts/*.mjs', 'src/compile-cache.cts', 'src/help-cache.cts', ...commands, 'src/hooks/*.ts', ...tests],
    },
    'packages/plugin-create': {
      // scripts/record-api-lifecycles.mjs writes src/lint/rules/kubernetes-api-lifecycles.ts (run by hand).
      entry: ['scripts/*.mjs', ...commands, ...tests],
      // Bundled libraries (engine, sprig, repo's provenance) require these at run time; the bundler needs them declared.
      ignoreDependencies: ['bcryptjs', 'liquidjs', 'openpgp'],
    },
    'packages/plugin-release': {
      entry: [...commands, 'src/hooks/*.ts', ...tests],
      ignoreDependencies: ['bcryptjs', 'liquidjs', 'openpgp'],
    },
    'packages/plugin-repo': {
      entry: [...commands, ...tests],
      // Inlined into the bundle for the libraries that use it (helmtsBundle.inline); openpgp: repo's provenance.
      ignoreDependencies: ['yaml', 'openpgp'],
    },
    'packages/proto': {
      entry: ['scripts/*.mjs', ...tests],
    },
    'packages/goyaml': {
      // The oracle recorders are run by hand against a real helm (see their headers).
      entry: ['test/oracle/record-*.mjs', ...tests],
    },
    'packages/engine': {
      // Developer report over the conformance corpus (npx tsx test/conformance/report.ts).
      entry: ['test/conformance/report.ts', ...tests],
    },
    'packages/*': {
      entry: tests,
    },
    'examples/plugin-hello': {
      entry: [...commands, ...tests],
    },
  },
};
