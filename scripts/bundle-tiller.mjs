#!/usr/bin/env node
// Bundles the Tiller server into one ES module, packages/tiller/dist/tiller.mjs, which
// packages/tiller/bin/tiller.js runs when it is there (dist/bin/tiller.js otherwise).
//
// Why: memory. Importing @kubernetes/client-node loads every generated API and model of every
// Kubernetes group (21 MB of JavaScript source that V8 keeps for the life of the process): an idle
// Tiller held 130 MiB, 70 of them for client-node. Tiller uses two of its exports (CLIENT_NODE below:
// the kubeconfig and its authentication, and watches; requests are its own, kube/raw-request.ts);
// bundled, esbuild keeps only the modules those reach, so no generated API or model is in it. Everything else Tiller imports is bundled as well (one
// file read at start-up instead of ~600 modules resolved one by one), except protobufjs, which
// @helmts/proto requires at run time from its own location.
//
// In bundled @helmts modules, `import.meta.url` becomes the URL of the module's original file
// (relative to the bundle, so it holds wherever the packages are installed side by side): the
// .proto files are found next to @helmts/proto as before.
//
// Usage: node scripts/bundle-tiller.mjs   (after tsc -b)
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const distDir = join(repo, 'packages/tiller/dist');
const outfile = join(distDir, 'tiller.mjs');

// What Tiller imports from @kubernetes/client-node, and the module of client-node that defines it.
// A name Tiller uses that is missing here fails the build (named imports) or is reported as an
// error (a property of the imported namespace).
const CLIENT_NODE = {
  'dist/config.js': ['KubeConfig'],
  'dist/watch.js': ['Watch'],
};
// the copy @helmts/tiller depends on
const clientNodeDir = dirname(
  createRequire(join(repo, 'packages/tiller/package.json')).resolve('@kubernetes/client-node/package.json'),
);
const clientNodeShim = Object.entries(CLIENT_NODE)
  .map(([file, names]) => `export { ${names.join(', ')} } from ${JSON.stringify(join(clientNodeDir, file))};`)
  .join('\n');

// config.js (KubeConfig) takes two names from the generated client's index, which re-exports every
// model of every group; evaluating it built them all at start (16 ms, and their heap). The two
// names come from their own modules instead.
const GEN_INDEX = join(clientNodeDir, 'dist/gen/index.js');
const genIndexShim = [
  `export { createConfiguration } from ${JSON.stringify(join(clientNodeDir, 'dist/gen/configuration.js'))};`,
  `export { ServerConfiguration } from ${JSON.stringify(join(clientNodeDir, 'dist/gen/servers.js'))};`,
].join('\n');

const EXTERNAL = new Set(['protobufjs']);

// What node-fetch 2 (client-node's HTTP) loads and Tiller never uses, left out of the bundle:
// whatwg-url (with tr46's Unicode table, a few MiB of heap) is its URL class for runtimes without
// one, and `encoding` (iconv-lite and its code pages) serves only Response#textConverted().
const STUBS = {
  'whatwg-url': 'export default { URL: globalThis.URL };',
  encoding: "throw new Error('encoding is not part of the Tiller bundle');",
};

const tillerModules = {
  name: 'helmts-tiller-bundle',
  setup(b) {
    b.onResolve({ filter: /^@kubernetes\/client-node$/ }, () => ({ path: 'client-node-shim', namespace: 'shim' }));
    b.onResolve({ filter: /[/\\]gen[/\\]index\.js$/ }, (args) =>
      join(args.resolveDir, args.path) === GEN_INDEX ? { path: 'gen-index-shim', namespace: 'shim' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'shim' }, (args) => ({
      contents: args.path === 'gen-index-shim' ? genIndexShim : clientNodeShim,
      resolveDir: clientNodeDir,
    }));
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (EXTERNAL.has(args.path)) return { path: args.path, external: true };
      if (args.path in STUBS) return { path: args.path, namespace: 'stub' };
      return undefined;
    });
    b.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: STUBS[args.path], loader: 'js' }));
    // client-node's modules only define things (classes, functions): a module none of whose exports
    // is used is left out, even where esbuild cannot prove it (`class X extends Imported`).
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'resolved' || !args.importer.startsWith(clientNodeDir)) return undefined;
      const r = await b.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: 'resolved',
      });
      if (r.errors.length > 0 || !r.path.startsWith(clientNodeDir)) return undefined;
      return { path: r.path, sideEffects: false };
    });
    b.onLoad({ filter: /[/\\]packages[/\\][^/\\]+[/\\]dist[/\\].*\.js$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      if (!/\bimport\.meta\b/.test(source)) return undefined;
      const fromBundle = relative(distDir, args.path).split(sep).join('/');
      source = source.replace(
        /\bimport\.meta\.url\b/g,
        () => `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`,
      );
      if (/\bimport\.meta\.(?!url\b)/.test(source.replace(/new URL\([^)]*, import\.meta\.url\)/g, '')))
        throw new Error(`${args.path}: an import.meta use the Tiller bundler does not handle`);
      return { contents: source, loader: 'js' };
    });
  },
};

const result = await build({
  entryPoints: [join(distDir, 'bin/tiller.js')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  minifyWhitespace: true,
  minifySyntax: true,
  plugins: [tillerModules],
  // CommonJS modules inside the bundle (grpc-js, ...) call require()
  banner: {
    js: [
      '// @helmts/tiller: the Tiller server and the libraries it uses, bundled by scripts/bundle-tiller.mjs',
      "import { createRequire as __helmtsCreateRequire } from 'node:module';",
      'const require = __helmtsCreateRequire(import.meta.url);',
    ].join('\n'),
  },
  logOverride: { 'import-is-undefined': 'error' },
  logLevel: 'warning',
  metafile: true,
});

// One character beyond Latin-1 makes V8 hold the whole bundle as a two-byte string, twice the
// memory for the life of the process; esbuild escapes such characters in code, this the rest.
const bundled = readFileSync(outfile, 'utf8');
if (/[^\x00-\x7f]/.test(bundled))
  writeFileSync(
    outfile,
    bundled.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );

// bin/tiller.js runs the bundle only while no workspace package in it was compiled again since
// (`tsc -b` alone does not bundle): the build-info files it compares with, relative to dist/.
const compiled = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const m = /^(?:.*\/)?packages\/([^/]+)\/dist\//.exec(input);
  if (m) compiled.add(`../../${m[1]}/tsconfig.tsbuildinfo`);
}
writeFileSync(join(distDir, 'tiller-bundle.json'), `${JSON.stringify({ compiled: [...compiled].sort() }, null, 2)}\n`);
