#!/usr/bin/env node
// Bundles @oclif/core into one CommonJS file, dist/oclif-bundle/core.cjs, that the CLI and the SDK
// load instead of the package's ~170 separate modules. Resolving, reading and compiling those files
// is most of oclif's start-up cost; one file is read once and, with src/compile-cache.cts, compiled
// from V8's code cache on every later run. Run after tsc (it checks the result with the cache's own
// test for import()).
//
// oclif loads command modules with import(). Node 20 cannot run import() from a script compiled
// from a code cache, so each import( in oclif's sources is routed through dynamic-import.cjs, a
// tiny module that is compiled normally (the compile cache skips files that contain import().
// More start-up costs are patched out below (each patch fails the build if oclif's source no
// longer matches): localeCompare in command sorting, promise-based reads of small JSON files,
// a minimatch compilation per (dependency, plugin name) pair when matching core plugins, an EJS
// compilation per help template, text measuring in help wrapping, the debug logger, a
// require.resolve walk per plugin, the lookup of oclif's own package.json, and node:perf_hooks and
// node:fs/promises loaded before anything uses them.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(packageDir, 'dist', 'oclif-bundle');
const require = createRequire(join(packageDir, 'package.json'));
const entry = require.resolve('@oclif/core');
const oclifRoot = dirname(require.resolve('@oclif/core/package.json'));
const oclifVersion = JSON.parse(readFileSync(join(oclifRoot, 'package.json'), 'utf8')).version;
const { hasDynamicImport } = require('./dist/compile-cache.cjs');

// import( as an expression (not inside a string such as "import()" in an error message) whose
// argument is computed; esbuild itself bundles import('a-package') with a literal argument.
const DYNAMIC_IMPORT = /(?<![\w$.'"`])import\((?!\s*['"])/g;
let rewritten = 0;

// Plugin.load sorts every plugin's commands with localeCompare, and the first localeCompare in a
// process sets up ICU collation: ~5 ms of every start. Command ids are ASCII (letters, digits, ':',
// '-'), so plain code-unit order is as good; nothing depends on that order beyond listing.
const LOCALE_SORT = 'a.id.localeCompare(b.id)';
let localeSorts = 0;

// util/fs.readJson reads every plugin's package.json and manifest one after another at start (a
// dozen small files) with fs/promises' readFile: four thread-pool round trips per file. Read
// synchronously; nothing else runs while oclif loads its configuration.
const ASYNC_READ = "await (0, promises_1.readFile)(path, 'utf8')";
const SYNC_READ = "(0, node_fs_1.readFileSync)(path, 'utf8')";
let syncReads = 0;

// PluginLoader matches every dependency of the CLI's package.json against every `oclif.plugins`
// entry (and pluginAdditions' `@helmts/plugin-*`) with minimatch(), which compiles the pattern
// anew on each call: ~30 compilations, ~5 ms of every start, and even one compilation of cold
// minimatch costs a few ms. A plain name is compared as a string; a pattern whose only glob
// character is `*` inside a path segment (`@helmts/plugin-*`) becomes the regular expression
// minimatch would make of it (`[^/]*`); anything else goes to minimatch, compiled once per pattern.
const PLUGIN_MATCH = 'patterns.some((w) => (0, minimatch_1.minimatch)(p, w))';
const PLUGIN_MATCH_FAST = 'patterns.some((w) => __helmtsMatch(w, p))';
const PLUGIN_MATCHER = `const __helmtsMatchers = Object.create(null);
function __helmtsMatch(pattern, name) {
  if (!/[*?[\\]{}()!+@]/.test(pattern.slice(1))) return name === pattern;
  let matcher = __helmtsMatchers[pattern];
  if (matcher === undefined) {
    const simple = /^@?[^*?[\\]{}()!+@]*$/.test(pattern.replace(/([^/])\\*/g, '$1'));
    if (simple) {
      const source = pattern.replace(/[.+^$|\\\\]/g, '\\\\$&').replace(/\\*/g, '[^/]*');
      const re = new RegExp('^' + source + '$');
      matcher = { match: (s) => re.test(s) };
    } else matcher = new minimatch_1.Minimatch(pattern);
    __helmtsMatchers[pattern] = matcher;
  }
  return matcher.match(name);
}
`;
let pluginMatches = 0;

// Help renders each command's description, usage and examples as an EJS template, and EJS compiles
// every template to a new Function: ~10 ms of `helmts <command> --help`. Every template helmts
// and its plugins write is plain text with `<%= a.b %>` tags (config.bin, command.id), so those are
// filled in here exactly as EJS would (its HTML escaping, '' for null and undefined); anything else
// goes to EJS as before.
const EJS_RENDER = 'return ejs_1.default.render(t, context);';
const EJS_RENDER_FAST = `const fast = __helmtsSimpleTemplate(t, context);
        return fast === undefined ? ejs_1.default.render(t, context) : fast;`;
const SIMPLE_TEMPLATE = `const __helmtsEjsEscapes = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' };
function __helmtsSimpleTemplate(t, context) {
  if (typeof t !== 'string') return undefined;
  let fallBack = false;
  const out = t.replace(/<%=[ ]*([A-Za-z_$][\\w$]*(?:\\.[A-Za-z_$][\\w$]*)*)[ ]*%>/g, (tag, path) => {
    const [first, ...rest] = path.split('.');
    // EJS resolves a name outside the context as a global (or throws): left to it
    if (context === null || typeof context !== 'object' || !(first in context)) return ((fallBack = true), tag);
    let value = context[first];
    for (const key of rest) {
      if (value === null || value === undefined) return ((fallBack = true), tag); // EJS throws here
      value = value[key];
    }
    return value === null || value === undefined ? '' : String(value).replace(/[&<>'"]/g, (c) => __helmtsEjsEscapes[c]);
  });
  return fallBack || out.includes('<%') ? undefined : out;
}
`;
let ejsRenders = 0;

// Modules loaded at every start only for what helmts does not do: Config.load asks is-wsl
// whether this is WSL, loading wsl-utils with node:child_process (~3 ms), where src/maybe-wsl.cts
// (a few file checks, the same as is-wsl's) can tell for certain that it is not; util/os.js itself
// requires node:child_process for an execSync run only on Windows; and plugin.js loads tinyglobby
// and fdir for the "pattern" command discovery, which no helmts plugin uses. Required on use.
const WSL_CHECK = "return (await import('wsl-utils')).isWsl ? 'wsl' : (0, node_os_1.platform)();";
const WSL_CHECK_FAST =
  "return __helmtsMaybeWsl() && (await import('wsl-utils')).isWsl ? 'wsl' : (0, node_os_1.platform)();";
const GLOB_REQUIRE = 'const tinyglobby_1 = require("tinyglobby");';
const GLOB_REQUIRE_LAZY = 'const tinyglobby_1 = { get glob() { return require("tinyglobby").glob; } };';
const CHILD_PROCESS = 'const node_child_process_1 = require("node:child_process");';
const CHILD_PROCESS_LAZY =
  'const node_child_process_1 = { get execSync() { return require("node:child_process").execSync; } };';
let wslChecks = 0;
let childProcessRequires = 0;
let globRequires = 0;

// Help text: wrap-ansi 7 measures the current row with string-width for every word, and
// string-width 4 builds emoji-regex's large expression on every call: ~8 ms of `helmts <command>
// --help`. For printable ASCII (all helmts help text when stdout is not a terminal) the width is
// the length, and wrap-ansi's last pass, which re-opens ANSI styles across line breaks, returns
// its input unchanged when there is no escape character: both are answered directly. Anything
// else takes the packages' own paths. Checked against unbundled oclif by test/bundle.test.ts.
const STRING_WIDTH = 'const stringWidth = string => {';
const STRING_WIDTH_FAST = `${STRING_WIDTH}
	if (typeof string === 'string' && /^[\\x20-\\x7e]*$/.test(string)) return string.length;`;
let stringWidths = 0;
const WRAP_LAST_PASS = "const pre = [...rows.join('\\n')];";
const WRAP_LAST_PASS_FAST = `const joined = rows.join('\\n');
	if (!joined.includes('\\u001B') && !joined.includes('\\u009B')) return joined;
	${WRAP_LAST_PASS}`;
let wrapPasses = 0;

// oclif's logger loads the debug package at every start, and debug's Node side loads node:tty
// (and with it node:net) and supports-color: ~3.5 ms. Without DEBUG in the environment debug
// enables nothing, and oclif never enables it later, so a logger that does nothing stands in
// for it; with DEBUG set the real package is loaded as before.
const QUIET_DEBUG = (realDebug) => `'use strict';
if (process.env.DEBUG) module.exports = require(${JSON.stringify(realDebug)});
else {
  const create = (namespace) => {
    const log = () => {};
    log.namespace = namespace;
    log.enabled = false;
    log.extend = (sub, delimiter = ':') => create(namespace + delimiter + sub);
    return log;
  };
  create.enabled = () => false;
  create.enable = () => {};
  create.disable = () => '';
  module.exports = create;
}
`;
let quietDebugs = 0;

// findRoot locates each plugin with require.resolve(name, { paths: [root] }), walking up from the
// file it gives to the plugin's directory, or, when the resolve throws, with a node_modules search
// of its own. Each resolve builds lookup paths, and the first loads Node's ES module resolver
// (with the error it throws for helmts' plugins, whose exports give require() nothing): ~1 ms a
// plugin at every start. The package Node's lookup reads is the first <root or an ancestor>/
// node_modules/<name> that exists; when its package.json's `exports` settle the answer (a target
// file for require's conditions, or certainly none), or it has no `exports` and its `main` (or
// index) file is found by Node's legacy rules, that answer is worked out here with a few stats, a
// read and a realpath, as Node and oclif would. Anything else (arrays, patterns, the module-sync
// condition, a non-string main, a file named like the package beside it, --conditions,
// --preserve-symlinks, PnP) takes oclif's path as before.
const FIND_ROOT = `async function findRoot(name, root) {
    if (name) {`;
const FIND_ROOT_FAST = `${FIND_ROOT}
        const known = __helmtsPluginRoot(name, root);
        if (known === 'unexported') return findRootLegacy(name, root);
        if (known) return known;`;
const PLUGIN_ROOT = `const __helmtsRequireConditions = new Set(['require', 'node', 'node-addons', 'default']);
/** What require() gets from an exports target: a string, null (excluded), or 'none' / 'unknown'. */
function __helmtsTarget(target) {
    if (typeof target === 'string' || target === null) return target;
    if (typeof target !== 'object' || Array.isArray(target)) return 'unknown';
    for (const [key, value] of Object.entries(target)) {
        if (key === 'module-sync' || key.startsWith('.')) return 'unknown';
        if (!__helmtsRequireConditions.has(key)) continue;
        const result = __helmtsTarget(value);
        if (result !== 'none') return result;
    }
    return 'none';
}
/** findRoot's answer when package.json exports settle it: a directory, 'unexported', or undefined. */
function __helmtsPluginRoot(name, root) {
    if (process.versions.pnp || process.env.NODE_PRESERVE_SYMLINKS === '1') return undefined;
    if (/(^|\\s)(--conditions|-C|--preserve-symlinks)\\b/.test([...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' '))) return undefined;
    const { existsSync, readFileSync, realpathSync, statSync } = require('node:fs');
    const extensions = Object.keys(require('node:module')._extensions);
    const isFile = (file) => {
        try {
            return statSync(file).isFile();
        }
        catch {
            return false;
        }
    };
    // Node's tryExtensions: <base>.js, <base>.json, <base>.node (and any registered extension)
    const withExtension = (base) => extensions.map((extension) => base + extension).find(isFile);
    for (let dir = root; ; dir = (0, node_path_1.dirname)(dir)) {
        const candidate = (0, node_path_1.join)(dir, 'node_modules', name);
        let found = false;
        try {
            const stats = statSync(candidate);
            if (stats.isFile()) return undefined; // a file named like the package: Node's lookup takes it
            found = stats.isDirectory();
        }
        catch {
            // ENOENT, or ENOTDIR below a file (oclif passes user plugins <data dir>/package.json)
        }
        if (found) {
            let pjson;
            try {
                pjson = JSON.parse(readFileSync((0, node_path_1.join)(candidate, 'package.json'), 'utf8'));
            }
            catch {
                return undefined;
            }
            const exports = pjson.exports;
            if (exports === undefined || exports === null) {
                // Node's legacy lookup: <candidate>.js and the like first, then main as a file, with an
                // extension or as a directory's index, then the package's own index; none is an error.
                if (withExtension(candidate)) return undefined;
                const main = pjson.main;
                if (main !== undefined && main !== null && typeof main !== 'string') return undefined;
                let file;
                if (main) {
                    const target = (0, node_path_1.resolve)(candidate, main);
                    file = (isFile(target) ? target : undefined) ?? withExtension(target) ?? withExtension((0, node_path_1.join)(target, 'index'));
                }
                file ??= withExtension((0, node_path_1.join)(candidate, 'index'));
                if (!file) return 'unexported';
                const base = (0, node_path_1.basename)(name);
                for (const next of up((0, node_path_1.dirname)(realpathSync(file)))) if (next.endsWith(base)) return next;
                return undefined;
            }
            const keys = typeof exports === 'object' && !Array.isArray(exports) ? Object.keys(exports) : [];
            const subpaths = keys.length > 0 && keys.every((key) => key.startsWith('.'));
            if (!subpaths && keys.some((key) => key.startsWith('.'))) return undefined; // Node's own error
            const target = subpaths ? ('.' in exports ? __helmtsTarget(exports['.']) : 'none') : __helmtsTarget(exports);
            if (target === 'none' || target === null) return 'unexported';
            if (typeof target !== 'string' || !target.startsWith('./') || /(^|\\/)(\\.\\.?|node_modules)(\\/|$)|\\*/.test(target.slice(2))) return undefined;
            const file = (0, node_path_1.join)(candidate, target);
            if (!existsSync(file)) return undefined;
            const base = (0, node_path_1.basename)(name);
            for (const next of up((0, node_path_1.dirname)(realpathSync(file)))) if (next.endsWith(base)) return next;
            return undefined;
        }
        else if (withExtension(candidate)) return undefined;
        if ((0, node_path_1.dirname)(dir) === dir) return undefined;
    }
}
`;
let findRoots = 0;

// oclif's Cache resolves '@oclif/core/package.json' through the package's exports for its own
// version (~1 ms): the version of the oclif that runs is the one bundled, known here.
const OWN_VERSION = "require('@oclif/core/package.json').version";
let ownVersions = 0;

// lilconfig (oclif reads package.json through it) takes fs.promises.readFile when it loads, which
// loads node:fs/promises too: taken when it reads.
const LILCONFIG_READ = 'const fsReadFileAsync = fs.promises.readFile;';
const LILCONFIG_READ_LAZY = 'const fsReadFileAsync = (...args) => fs.promises.readFile(...args);';
let lilconfigReads = 0;

// node:perf_hooks (for oclif's opt-in performance markers, OCLIF_PERFORMANCE / DEBUG=perf),
// node:fs/promises (for stat and readdir in paths `--help` never takes) and node:readline (for
// reading piped stdin into an argument) are required at the top of their modules: ~3 ms of
// loading Node's own modules at every start. Loaded on first use.
const EAGER_BUILTINS = [
  'const node_perf_hooks_1 = require("node:perf_hooks");',
  'const promises_1 = require("node:fs/promises");',
  'const node_readline_1 = require("node:readline");',
];
let lazyBuiltins = 0;

const patchOclif = {
  name: 'patch-oclif',
  setup(b) {
    b.onLoad({ filter: /\.js$/ }, (args) => {
      let source = readFileSync(args.path, 'utf8');
      // these go on to the import() and localeCompare rewrites below
      let patched = false;
      for (const eager of EAGER_BUILTINS) {
        if (!source.includes(eager)) continue;
        lazyBuiltins += source.split(eager).length - 1;
        const [, name, id] = /^const (\w+) = require\(("[^"]+")\);$/.exec(eager);
        source = source.split(eager).join(`const ${name} = __helmtsLazy(${id});`);
        patched = true;
      }
      if (args.path.endsWith(join('lib', 'util', 'find-root.js')) && source.includes(FIND_ROOT)) {
        findRoots += source.split(FIND_ROOT).length - 1;
        source = `${PLUGIN_ROOT}${source.split(FIND_ROOT).join(FIND_ROOT_FAST)}`;
        patched = true;
      }
      if (args.path.endsWith(join('lilconfig', 'src', 'index.js')) && source.includes(LILCONFIG_READ)) {
        lilconfigReads += source.split(LILCONFIG_READ).length - 1;
        source = source.split(LILCONFIG_READ).join(LILCONFIG_READ_LAZY);
        patched = true;
      }
      if (args.path.endsWith(join('lib', 'cache.js')) && source.includes(OWN_VERSION)) {
        ownVersions += source.split(OWN_VERSION).length - 1;
        source = source.split(OWN_VERSION).join(JSON.stringify(oclifVersion));
        patched = true;
      }
      if (args.path.endsWith(join('lib', 'util', 'os.js')) && source.includes(WSL_CHECK)) {
        wslChecks += source.split(WSL_CHECK).length - 1;
        source = source.split(WSL_CHECK).join(WSL_CHECK_FAST);
        childProcessRequires += source.split(CHILD_PROCESS).length - 1;
        source = source.split(CHILD_PROCESS).join(CHILD_PROCESS_LAZY);
        patched = true;
      }
      if (args.path.endsWith(join('lib', 'config', 'plugin.js')) && source.includes(GLOB_REQUIRE)) {
        globRequires += source.split(GLOB_REQUIRE).length - 1;
        source = source.split(GLOB_REQUIRE).join(GLOB_REQUIRE_LAZY);
        patched = true;
      }
      if (args.path.endsWith(join('lib', 'help', 'util.js')) && source.includes(EJS_RENDER)) {
        ejsRenders += source.split(EJS_RENDER).length - 1;
        return { contents: `${SIMPLE_TEMPLATE}${source.split(EJS_RENDER).join(EJS_RENDER_FAST)}`, loader: 'js' };
      }
      if (args.path.endsWith(join('node_modules', 'string-width', 'index.js')) && source.includes(STRING_WIDTH)) {
        stringWidths += source.split(STRING_WIDTH).length - 1;
        return { contents: source.split(STRING_WIDTH).join(STRING_WIDTH_FAST), loader: 'js' };
      }
      if (args.path.endsWith(join('node_modules', 'wrap-ansi', 'index.js')) && source.includes(WRAP_LAST_PASS)) {
        wrapPasses += source.split(WRAP_LAST_PASS).length - 1;
        return { contents: source.split(WRAP_LAST_PASS).join(WRAP_LAST_PASS_FAST), loader: 'js' };
      }
      if (args.path.endsWith(join('lib', 'config', 'plugin-loader.js')) && source.includes(PLUGIN_MATCH)) {
        pluginMatches += source.split(PLUGIN_MATCH).length - 1;
        source = source.split(PLUGIN_MATCH).join(PLUGIN_MATCH_FAST);
        return { contents: `${PLUGIN_MATCHER}${source}`, loader: 'js' };
      }
      if (args.path.endsWith(join('lib', 'util', 'fs.js')) && source.includes(ASYNC_READ)) {
        syncReads += source.split(ASYNC_READ).length - 1;
        return { contents: source.split(ASYNC_READ).join(SYNC_READ), loader: 'js' };
      }
      const sorts = source.split(LOCALE_SORT).length - 1;
      const routed = rewritten;
      source = source.replace(DYNAMIC_IMPORT, () => {
        rewritten++;
        return '__helmtsDynamicImport(';
      });
      if (sorts === 0 && rewritten === routed && !patched) return undefined;
      localeSorts += sorts;
      return { contents: source.split(LOCALE_SORT).join('(a.id < b.id ? -1 : a.id > b.id ? 1 : 0)'), loader: 'js' };
    });
  },
};

mkdirSync(outDir, { recursive: true });
const result = await build({
  entryPoints: [entry],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  outfile: join(outDir, 'core.cjs'),
  // Only for TypeScript development setups (ts-node/tsx); helmts ships compiled JavaScript.
  external: ['typescript', 'ts-node', 'tsx', 'pnpapi'],
  banner: {
    js: `// @oclif/core ${oclifVersion}, bundled by @helmts/core (scripts/bundle-oclif.mjs)\nconst __helmtsDynamicImport = require('./dynamic-import.cjs');\nconst __helmtsMaybeWsl = () => require('../maybe-wsl.cjs').maybeWsl();\nconst __helmtsLazy = (id) => new Proxy({}, { get: (_, key) => require(id)[key] });`,
  },
  // Any other require of oclif's package.json stays a real lookup.
  plugins: [
    patchOclif,
    {
      name: 'quiet-debug',
      setup(b) {
        b.onResolve({ filter: /^debug$/ }, (args) =>
          args.importer.endsWith(join('lib', 'logger.js'))
            ? { path: 'debug', namespace: 'quiet-debug', pluginData: createRequire(args.importer).resolve('debug') }
            : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: 'quiet-debug' }, (args) => {
          quietDebugs++;
          return { contents: QUIET_DEBUG(args.pluginData), loader: 'js', resolveDir: dirname(args.pluginData) };
        });
      },
    },
    {
      name: 'own-package-json',
      setup(b) {
        b.onResolve({ filter: /^@oclif\/core\/package\.json$/ }, (args) => ({ path: args.path, external: true }));
      },
    },
  ],
  logLevel: 'warning',
  legalComments: 'inline',
  // A third smaller without whitespace and with shorter syntax: ~1 ms less reading and decoding at
  // every start (the code cache is the same size). Names stay (stack traces, Function#name);
  // renaming identifiers too needs keepNames, whose __name calls cost more than the bytes saved.
  minifyWhitespace: true,
  minifySyntax: true,
  metafile: true,
});
if (syncReads !== 1)
  throw new Error(
    `expected one ${ASYNC_READ} in @oclif/core's util/fs.js, found ${syncReads}: review scripts/bundle-oclif.mjs`,
  );
if (pluginMatches !== 1)
  throw new Error(
    `expected one ${PLUGIN_MATCH} in @oclif/core's config/plugin-loader.js, found ${pluginMatches}: review scripts/bundle-oclif.mjs`,
  );
if (wslChecks !== 1)
  throw new Error(
    `expected one ${WSL_CHECK} in @oclif/core's util/os.js, found ${wslChecks}: review scripts/bundle-oclif.mjs`,
  );
if (childProcessRequires !== 1)
  throw new Error(
    `expected one ${CHILD_PROCESS} in @oclif/core's util/os.js, found ${childProcessRequires}: review scripts/bundle-oclif.mjs`,
  );
if (globRequires !== 1)
  throw new Error(
    `expected one ${GLOB_REQUIRE} in @oclif/core's config/plugin.js, found ${globRequires}: review scripts/bundle-oclif.mjs`,
  );
if (ejsRenders !== 1)
  throw new Error(
    `expected one ${EJS_RENDER} in @oclif/core's help/util.js, found ${ejsRenders}: review scripts/bundle-oclif.mjs`,
  );
if (stringWidths !== 1)
  throw new Error(
    `expected one ${STRING_WIDTH} in string-width, found ${stringWidths}: review scripts/bundle-oclif.mjs`,
  );
if (wrapPasses !== 1)
  throw new Error(`expected one ${WRAP_LAST_PASS} in wrap-ansi, found ${wrapPasses}: review scripts/bundle-oclif.mjs`);
if (quietDebugs !== 1)
  throw new Error(
    `expected oclif's logger to require debug once, found ${quietDebugs}: review scripts/bundle-oclif.mjs`,
  );
if (findRoots !== 1)
  throw new Error(
    `expected one findRoot in @oclif/core's util/find-root.js, found ${findRoots}: review scripts/bundle-oclif.mjs`,
  );
if (lilconfigReads !== 1)
  throw new Error(
    `expected one ${LILCONFIG_READ} in lilconfig, found ${lilconfigReads}: review scripts/bundle-oclif.mjs`,
  );
if (ownVersions !== 1)
  throw new Error(
    `expected one ${OWN_VERSION} in @oclif/core's cache.js, found ${ownVersions}: review scripts/bundle-oclif.mjs`,
  );
if (lazyBuiltins !== 5)
  throw new Error(
    `expected node:perf_hooks and node:readline once and node:fs/promises three times at the top of @oclif/core's modules, found ${lazyBuiltins}: review scripts/bundle-oclif.mjs`,
  );
if (localeSorts !== 1)
  throw new Error(`expected one ${LOCALE_SORT} in @oclif/core, found ${localeSorts}: review scripts/bundle-oclif.mjs`);
if (rewritten === 0)
  throw new Error('no import() found in @oclif/core: its module loader changed; review scripts/bundle-oclif.mjs');
// A character beyond ASCII (one, in ansis' escape-code pattern) sends V8's UTF-8 decoding of the
// whole file off its ASCII fast path at every start (~1 ms here): escaped, with the same meaning.
const bundled = readFileSync(join(outDir, 'core.cjs'), 'utf8');
if (/[^\x00-\x7f]/.test(bundled))
  writeFileSync(
    join(outDir, 'core.cjs'),
    bundled.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
  );
if (hasDynamicImport(readFileSync(join(outDir, 'core.cjs'), 'utf8'))) {
  throw new Error('dist/oclif-bundle/core.cjs still contains import(): the compile cache would not cache it');
}
writeFileSync(
  join(outDir, 'dynamic-import.cjs'),
  "'use strict'\n// import() for the bundled oclif: compiled normally, never from a code cache (see scripts/bundle-oclif.mjs).\nmodule.exports = (specifier) => import(specifier)\n",
);
const inputs = Object.keys(result.metafile.inputs).length;
console.log(
  `bundled @oclif/core ${oclifVersion}: ${inputs} modules into dist/oclif-bundle/core.cjs (${rewritten} import() calls routed)`,
);
