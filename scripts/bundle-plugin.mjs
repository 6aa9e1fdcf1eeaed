#!/usr/bin/env node
// Bundles an official helmts plugin into one CommonJS file, <plugin>/dist/plugin.cjs, which its
// package.json names as oclif's command target (explicit strategy, export COMMANDS).
//
// Why: on Node 20 ES modules cannot be compiled from V8's code cache, and a command such as
// `template` loads ~80 of them (the SDK aside) — ~45 ms of resolving, reading and compiling on
// every run. One CommonJS file is read once and compiled from the code cache that @helmts/core
// keeps (packages/core/src/compile-cache.cts): ~8 ms.
//
// What goes in: the plugin's own modules, the @helmts libraries it uses and the packages listed in
// helmtsBundle.inline, except
//   @helmts/core   the SDK, bundled on its own (core's own dist/plugin.cjs) so that the CLI and
//                  every plugin share one instance;
//   @helmts/tiller runs as its own process (its pure chart-message module is bundled).
// Everything else stays external and is required or imported at run time, so each external a
// bundled library uses must be a dependency of the plugin itself: the build fails otherwise,
// naming it. Core is bundled by this script too (commands, hooks, and the SDK's exports, with
// dist/sdk.mjs re-exporting them for ES module importers).
//
// In bundled modules, `import.meta.url` becomes the URL of the module's original file (relative to
// the bundle, so it holds wherever the packages are installed side by side), `import.meta.resolve`
// resolves from the bundle, import() of a Node built-in becomes require() (same named exports, no
// ES module loader), and import() of an external package stays a real dynamic import
// (routed through dist/dynamic-import.cjs, which the code cache skips: Node 20 cannot run import()
// from cached code).
//
// Usage: node scripts/bundle-plugin.mjs packages/plugin-release [...more plugins]   (after tsc -b)
import { build } from 'esbuild';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';

// The compile cache's own test for import(): the bundle must pass it, or it would not be cached.
const { hasDynamicImport } = createRequire(import.meta.url)('../packages/core/dist/compile-cache.cjs');

const EXTERNAL_PACKAGES = new Set(['@helmts/core', '@helmts/testkit']);
// Package roots only: @helmts/tiller/chart-message is plain conversion code and is bundled.
// @helmts/proto is bundled: a client encodes with its generated wire schema, and the .proto files
// (found relative to the original module's URL) load only in Tiller.
const EXTERNAL_SPECIFIERS = new Set(['@helmts/tiller']);
const BUILTINS = new Set([...builtinModules, ...builtinModules.map((name) => `node:${name}`)]);

function packageNameOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

function isBundled(specifier) {
  const name = packageNameOf(specifier);
  return name.startsWith('@helmts/') && !EXTERNAL_PACKAGES.has(name) && !EXTERNAL_SPECIFIERS.has(specifier);
}

/** The package.json of `name` as Node finds it from `dir` (node_modules here, then in each parent). */
function installedPackageJson(dir, name) {
  for (let at = resolve(dir); ; at = dirname(at)) {
    const candidate = join(at, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (dirname(at) === at) throw new Error(`${name} is not installed where ${dir} can find it`);
  }
}

/** Command ids from dist/commands, as oclif's pattern strategy derives them (index.js names its folder). */
function commandsFromDirectory(dir) {
  const found = [];
  const walk = (at) => {
    for (const entry of readdirSync(at).sort()) {
      const path = join(at, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.js')) {
        const parts = relative(dir, path).slice(0, -3).split(sep);
        if (parts.at(-1) === 'index') parts.pop();
        found.push({ id: parts.join(':'), path });
      }
    }
  };
  walk(dir);
  return found;
}

/** The export name a hook gets in the bundle (oclif.hooks points at it). */
function hookIdentifier(event) {
  return `hook_${event.replace(/[^A-Za-z0-9]/g, '_')}`;
}

async function bundlePlugin(pluginDir) {
  const pjson = JSON.parse(readFileSync(join(pluginDir, 'package.json'), 'utf8'));
  const settings = pjson.helmtsBundle;
  if (!settings) throw new Error(`${pluginDir}/package.json has no "helmtsBundle" section`);
  const distDir = join(pluginDir, 'dist');
  const outfile = join(distDir, 'plugin.cjs');
  const declared = new Set([
    ...Object.keys(pjson.dependencies ?? {}),
    ...Object.keys(pjson.optionalDependencies ?? {}),
  ]);

  // The entry: the plugin's own COMMANDS map, or one generated from dist/commands; its hooks; and,
  // for @helmts/core, the SDK's exports too.
  let stdin;
  if (settings.commands) {
    const lines = [];
    const commands = commandsFromDirectory(join(pluginDir, settings.commands));
    const local = (path) => JSON.stringify(`./${relative(distDir, join(pluginDir, path)).split(sep).join('/')}`);
    // Each command and hook is required on first use (esbuild then initializes its modules lazily):
    // oclif reads only COMMANDS[id] of the command it runs (from the manifest), so `list` does not
    // evaluate the template engines, sprig, the chart loader and node:crypto that `install` needs.
    lines.push('export const COMMANDS = {}');
    for (const c of commands)
      lines.push(
        `Object.defineProperty(COMMANDS, ${JSON.stringify(c.id)}, {enumerable: true, get: () => require(${local(relative(pluginDir, c.path))}).default})`,
      );
    if (settings.exports) lines.push(`export * from ${local(settings.exports)}`);
    for (const [event, path] of Object.entries(settings.hooks ?? {}))
      lines.push(
        `export function ${hookIdentifier(event)}(...args) { return require(${local(path)}).default.apply(this, args) }`,
      );
    stdin = { contents: lines.join('\n'), resolveDir: distDir, sourcefile: 'plugin-entry.js', loader: 'js' };
  }
  for (const event of Object.keys(settings.hooks ?? {})) {
    const hook = pjson.oclif?.hooks?.[event];
    if (hook?.target !== './dist/plugin.cjs' || hook.identifier !== hookIdentifier(event)) {
      throw new Error(
        `${pjson.name}: oclif.hooks["${event}"] must be {"target": "./dist/plugin.cjs", "identifier": "${hookIdentifier(event)}"}`,
      );
    }
  }

  // Third-party packages copied into the bundle too: pure JavaScript that many modules need (yaml is ~40 files).
  const inline = new Set(settings.inline ?? []);
  for (const name of inline)
    if (!declared.has(name))
      throw new Error(`${pjson.name}: helmtsBundle.inline names ${name}, which is not one of its dependencies`);
  const externals = new Map(); // package name -> first importer
  // What an inlined package may require without the plugin declaring it: its optional peer
  // dependencies, which it loads inside try/catch when present (ws: bufferutil, utf-8-validate).
  const optionalPeers = new Set();
  for (const name of inline) {
    const inlined = JSON.parse(readFileSync(installedPackageJson(pluginDir, name), 'utf8'));
    for (const [peer, meta] of Object.entries(inlined.peerDependenciesMeta ?? {}))
      if (meta?.optional) optionalPeers.add(peer);
  }
  let dynamicImports = 0;
  const rewriteModules = {
    name: 'helmts-plugin-bundle',
    setup(b) {
      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (BUILTINS.has(args.path)) return { path: args.path, external: true };
        const name = packageNameOf(args.path);
        if (isBundled(args.path) || inline.has(name)) return undefined;
        if (!externals.has(name)) externals.set(name, args.importer);
        return { path: args.path, external: true };
      });
      b.onLoad({ filter: /\.js$/ }, (args) => {
        let source = readFileSync(args.path, 'utf8');
        const fromBundle = relative(distDir, args.path).split(sep).join('/');
        source = source.replace(/\bimport\.meta\.url\b/g, () => `__helmtsModuleUrl(${JSON.stringify(fromBundle)})`);
        source = source.replace(/\bimport\.meta\.resolve\(/g, '__helmtsResolve(');
        // import() of an external package, or of a computed specifier: a real import at run time.
        source = source.replace(
          /(?<![\w$.'"`])import\((\s*)(['"])([^'"]+)\2(\s*)\)/g,
          (whole, pre, quote, specifier, post) => {
            if (specifier.startsWith('.') || isBundled(specifier) || inline.has(packageNameOf(specifier))) return whole;
            // A Node built-in needs no loader: require() it (its named exports are the same
            // properties). A real import() would start Node's ES module loader, ~5 ms of the first.
            if (BUILTINS.has(specifier)) return `Promise.resolve().then(() => require(${quote}${specifier}${quote}))`;
            dynamicImports++;
            const name = packageNameOf(specifier);
            if (!BUILTINS.has(specifier) && !externals.has(name)) externals.set(name, args.path);
            return `__helmtsDynamicImport(${pre}${quote}${specifier}${quote}${post})`;
          },
        );
        source = source.replace(/(?<![\w$.'"`])import\((?!\s*['"])/g, () => {
          dynamicImports++;
          return '__helmtsDynamicImport(';
        });
        if (/\bimport\.meta\b/.test(source))
          throw new Error(`${args.path}: an import.meta use the bundler does not handle`);
        return { contents: source, loader: 'js' };
      });
    },
  };

  await build({
    ...(stdin ? { stdin } : { entryPoints: [join(pluginDir, settings.entry)] }),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    plugins: [rewriteModules],
    // Without whitespace and with shorter syntax the file is a third smaller, so every command that
    // loads it reads and decodes less; names stay as they are (stack traces, Function#name).
    minifyWhitespace: true,
    minifySyntax: true,
    banner: {
      js: [
        `// ${pjson.name} ${pjson.version}: its commands and the @helmts libraries they use, bundled by scripts/bundle-plugin.mjs`,
        "const __helmtsDynamicImport = require('./dynamic-import.cjs');",
        "const __helmtsModuleUrl = (file) => require('node:url').pathToFileURL(require('node:path').join(__dirname, file)).href;",
        "const __helmtsResolve = (specifier) => require('node:url').pathToFileURL(require.resolve(specifier)).href;",
      ].join('\n'),
    },
    logLevel: 'warning',
  });
  // One character beyond Latin-1 (a comment's arrow) makes V8 hold the whole megabyte bundle as a
  // two-byte string: twice the memory for as long as the process runs, and a slower read at every
  // start. esbuild escapes such characters in code; what it leaves (in comments) is escaped here.
  const bundled = readFileSync(outfile, 'utf8');
  if (/[^\x00-\x7f]/.test(bundled))
    writeFileSync(
      outfile,
      bundled.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
    );
  writeFileSync(
    join(distDir, 'dynamic-import.cjs'),
    "'use strict'\n// import() for plugin.cjs: compiled normally, never from a code cache (see scripts/bundle-plugin.mjs).\nmodule.exports = (specifier) => import(specifier)\n",
  );
  if (hasDynamicImport(readFileSync(outfile, 'utf8')))
    throw new Error(`${outfile} still contains import(): the compile cache would skip it`);
  const undeclared = [...externals].filter(([name]) => !declared.has(name) && !optionalPeers.has(name));
  if (undeclared.length > 0) {
    const list = undeclared
      .map(([name, importer]) => `  ${name} (imported by ${relative(pluginDir, importer)})`)
      .join('\n');
    throw new Error(
      `${pjson.name} bundles code that needs packages it does not depend on; add them to its dependencies:\n${list}`,
    );
  }
  if (settings.esmEntry) {
    // ES module importers (third-party plugins) get the same instance as the bundle's CommonJS users.
    writeFileSync(
      join(pluginDir, settings.esmEntry),
      "// The SDK for ES module importers: the very instance that dist/plugin.cjs holds (see scripts/bundle-plugin.mjs).\nexport * from './plugin.cjs'\n",
    );
  }
  const size = (statSync(outfile).size / 1024).toFixed(0);
  console.log(
    `${pjson.name}: dist/plugin.cjs ${size} KiB, externals: ${[...externals.keys()].sort().join(', ')}; ${dynamicImports} import() kept`,
  );
}

const targets = process.argv.slice(2);
if (targets.length === 0) {
  console.error('usage: node scripts/bundle-plugin.mjs <plugin dir>...');
  process.exit(2);
}
for (const target of targets) {
  const dir = resolve(target);
  if (!existsSync(join(dir, 'dist'))) throw new Error(`${target}: build it first (tsc -b)`);
  await bundlePlugin(dir);
}
