// The package layers that .dependency-cruiser.cjs enforces and docs/architecture.md shows.
// Layers, lowest first. A package imports only packages of lower layers (never a sibling in its
// own layer, never upward), so no cycle between packages is possible. The table is today's
// package.json dependencies: each package's "dependencies" on @helmts packages all point down.
const layers = [
  { name: 'base libraries', packages: ['archive', 'semver', 'gotemplate', 'goyaml', 'proto'] },
  { name: 'chart model, template functions, OCI images', packages: ['chart', 'sprig', 'oci-image'] },
  { name: 'repositories, rendering, the Tiller image build', packages: ['repo', 'engine', 'tiller-image'] },
  // Tiller (the release server) beside the CLI's SDK: neither knows the other.
  { name: 'Tiller server and CLI core (SDK)', packages: ['tiller', 'core'] },
  { name: 'CLI plugins', packages: ['plugin-create', 'plugin-repo', 'plugin-release'] },
];
// Test support: imported from tests and benches only, never from a package's src/.
const testOnly = ['testkit'];
// The CLI packages: nothing below them imports one (plugins import @helmts/core, nothing else of them).
const cli = ['core', 'plugin-create', 'plugin-repo', 'plugin-release'];

module.exports = { layers, testOnly, cli };
