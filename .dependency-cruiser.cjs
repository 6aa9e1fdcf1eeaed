// Import rules checked by `npm run depcheck` (dependency-cruiser) in npm test and CI:
// no import cycles, and the package layers. The layer table lives in
// scripts/package-layers.cjs, and docs/architecture.md shows it (depcheck fails when the doc differs).
const { layers, testOnly, cli } = require('./scripts/package-layers.cjs');

const alt = (names) => `(${names.join('|')})`;
// A package's modules, wherever the import resolves: its sources, its built dist (what another
// package's `@helmts/x` import resolves to) or the node_modules link.
const pkg = (names) => `^(packages|node_modules/@helmts)/${alt(names)}/`;

const layerRules = layers.flatMap((layer, i) => {
  const notBelow = layers.slice(i).flatMap((l) => l.packages);
  return layer.packages.map((name) => ({
    name: `layer-${name}`,
    comment: `${name} (layer ${i + 1}: ${layer.name}) imports only packages of lower layers`,
    severity: 'error',
    from: { path: `^packages/${name}/` },
    to: { path: pkg(notBelow.filter((n) => n !== name)) },
  }));
});

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles between modules: move the shared types to a module both sides import.',
      severity: 'error',
      // Generated protobuf types name themselves (a Chart holds Charts): a type, not a module cycle.
      from: { pathNot: '^packages/proto/src/generated/' },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'no-cli-from-packages',
      comment: 'No package imports a CLI package, except a plugin importing @helmts/core (the SDK).',
      severity: 'error',
      from: { path: '^packages/([^/]+)/', pathNot: '^packages/plugin-[^/]+/' },
      to: { path: pkg(cli), pathNot: '^(packages|node_modules/@helmts)/$1/' },
    },
    {
      name: 'plugins-not-from-each-other',
      comment: 'A plugin never imports another plugin.',
      severity: 'error',
      from: { path: '^packages/(plugin-[^/]+)/' },
      to: { path: '^(packages|node_modules/@helmts)/plugin-[^/]+/', pathNot: '^(packages|node_modules/@helmts)/$1/' },
    },
    {
      name: 'oclif-only-in-core',
      comment: 'Only @helmts/core imports oclif; plugins get it through @helmts/core, Tiller and libraries never.',
      severity: 'error',
      from: { path: '^(packages|examples)/', pathNot: '^packages/core/' },
      to: { path: '^node_modules/@oclif/' },
    },
    {
      name: 'testkit-only-in-tests',
      comment: '@helmts/testkit is test support: import it from test/ or bench/, not from a package src/.',
      severity: 'error',
      from: { path: '^packages/[^/]+/src/', pathNot: `^packages/${alt(testOnly)}/` },
      to: { path: pkg(testOnly) },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve (a typo, or a package missing from package.json).',
      severity: 'error',
      // bundle-oclif.mjs requires dist/compile-cache.cjs through a require() made for the package's
      // root (createRequire(package.json)), which a resolver reading the file's own folder cannot see.
      from: { pathNot: '^packages/core/scripts/bundle-oclif\\.mjs$' },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ['node_modules', '/dist/'] },
    // Only sources are cruised (the roots in the depcheck script); dist/ is what an @helmts/x import
    // resolves to, kept in the graph but not followed.
    exclude: { path: ['/test/fixtures/', '\\.d\\.ts$'] },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      mainFields: ['module', 'main'],
    },
    cache: false,
  },
};
