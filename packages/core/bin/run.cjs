#!/usr/bin/env node
// The helmts CLI. CommonJS on purpose: official commands load as CommonJS bundles from the code
// cache, so a run never starts Node's ES module loader (a few ms of every start; bench/startup).
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const packageDir = join(__dirname, '..');

// helmts always runs a linked plugin's compiled JavaScript (Node 20 cannot transpile ESM on the fly),
// so oclif's "linked ESM module and cannot be auto-transpiled" warning on every command says
// nothing a user can act on.
if (process.env.OCLIF_DISABLE_LINKED_ESM_WARNING === undefined) process.env.OCLIF_DISABLE_LINKED_ESM_WARNING = '1';
// oclif checks Node against @oclif/core's own `engines` (>= 18) on every start, loading semver and
// its package.json to do it (~3 ms); helmts itself needs a newer Node (package.json engines), so
// the check can never fail where helmts runs.
if (process.env.OCLIF_DISABLE_ENGINE_WARNING === undefined) process.env.OCLIF_DISABLE_ENGINE_WARNING = '1';

// `helmts --version` (or -v) prints oclif's user agent line and nothing else; answering it here,
// before oclif and the plugins load, makes it cost what `node -e 0` costs (bench/startup). Same
// text as oclif's Config.userAgent. What this skips: plugins' `init` hooks, which oclif runs
// before printing the version (the official plugins have none).
const first = process.argv[2];
if (
  (first === '--version' || first === '-v') &&
  !process.env.HELMTS_OCLIF_VERSION &&
  !require('../dist/maybe-wsl.cjs').maybeWsl()
) {
  const { arch } = require('node:os');
  const pjson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  const cpu = arch() === 'ia32' ? 'x86' : arch();
  process.stdout.write(`${pjson.name}/${pjson.version} ${process.platform}-${cpu} node-${process.version}\n`);
  return;
}

// `helmts list --help`: the text oclif rendered for the same arguments, terminal, environment and
// plugins before, printed without loading oclif (dist/help-cache.cjs); else recorded for next time.
const args = process.argv.slice(2);
let helpCache;
if (args.length === 0 || args[0] === 'help' || args.includes('--help') || args.includes('-h')) {
  const helpModule = require('../dist/help-cache.cjs');
  if (helpModule.isHelpRequest(args)) {
    const directory = join(require('../dist/cache-directory.cjs').helmtsCacheDirectory(), 'help');
    if (helpModule.printCachedHelp(directory, args)) return;
    helpCache = { module: helpModule, directory };
  }
}

// `helmts help list` prints what `helmts list --help` prints, so it is answered the same way: oclif's
// own help command would load an unbundled second copy of oclif (~150 ms) to say it.
if (args[0] === 'help' && args.slice(1).every((arg) => !arg.startsWith('-'))) {
  process.argv = [...process.argv.slice(0, 2), ...args.slice(1), '--help'];
}

// Start-up: compile the bundled oclif and plugins from V8's code cache.
const compileCache = require('../dist/compile-cache.cjs');
compileCache.enableCompileCache();
const oclif = require('../dist/oclif-bundle/core.cjs');
const helpRecorder = helpCache && helpCache.module.recordHelp(helpCache.directory, args, oclif.Help);
// Installed plugins' require('@helmts/core') gets this CLI's SDK, not a copy npm put beside them.
require('../dist/share-sdk.cjs').shareSdk(packageDir);

// `helmts --debug --tiller-namespace t list` as Helm 2 takes it: global flags may lead the command.
const { moveLeadingGlobalFlags } = require('../dist/global-flags-first.cjs');
process.argv = [...process.argv.slice(0, 2), ...moveLeadingGlobalFlags(process.argv.slice(2))];

// Inside the helmts monorepo, every workspace plugin is loaded too, so `npx helmts <command>`
// exercises all of them. An installed @helmts/core has no such root and loads only its own
// plugins plus the ones the user installed. HELMTS_CORE_ONLY=1 shows that view from a checkout.
function monorepoRoot() {
  const root = join(packageDir, '..', '..');
  try {
    const pjson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    return pjson.name === 'helmts-monorepo' ? root : undefined;
  } catch {
    return undefined;
  }
}

// `plugins install file:./x.tgz` means the current directory, as it does for npm; oclif runs npm in
// its data directory, so a relative file: spec is made absolute here.
const argv = process.argv;
if (argv[2] === 'plugins' && ['install', 'add', 'i'].includes(argv[3])) {
  for (let i = 4; i < argv.length; i++) {
    if (/^file:\.\.?(\/|$)/.test(argv[i])) argv[i] = `file:${require('node:path').resolve(argv[i].slice(5))}`;
  }
}

// Installed plugins published without an oclif manifest get the one oclif builds cached beside them
// (dist/plugin-manifest-cache.cjs). That needs the configuration oclif's run() loads, which it does
// not hand out; passing run() a loaded one instead makes it load everything a second time (~3 ms of
// every start), so the first Config.load of the process, run()'s own, is kept here.
let finishCommand = () => {};
let loadedConfig;
const loadConfig = oclif.Config.load;
oclif.Config.load = async function (...loadArgs) {
  const config = await loadConfig.apply(this, loadArgs);
  if (oclif.Config.load !== loadConfig) {
    oclif.Config.load = loadConfig;
    loadedConfig = config;
    const { maintainPluginManifestCaches } = require('../dist/plugin-manifest-cache.cjs');
    finishCommand = maintainPluginManifestCaches(config, process.argv.slice(2));
    // The code cache takes in the functions a command compiles the first time that command runs.
    const runCommand = config.runCommand;
    config.runCommand = function (id, ...rest) {
      compileCache.setCompileCacheRunKind(`command:${id}`);
      return runCommand.call(this, id, ...rest);
    };
    const [topic = '', subcommand = ''] = process.argv.slice(2);
    const plugins = topic === 'plugins' ? subcommand : topic.startsWith('plugins:') ? topic.slice(8) : undefined;
    // Before a plugin's command is imported: the data directory's link to the SDK is this CLI.
    require('../dist/share-sdk.cjs').checkDataDirSdk(config, packageDir, plugins !== undefined);
    // npm installs the whole data directory again: its link to the SDK is made this CLI's first
    // (dist/data-dir-sdk-link.cjs; `plugins install` does it in its preinstall hook).
    if (['update', 'uninstall', 'remove', 'rm', 'unlink'].includes(plugins)) {
      require('../dist/data-dir-sdk-link.cjs').refreshDataDirSdk(config.dataDir, packageDir);
    }
  }
  return config;
};

const root = process.env.HELMTS_CORE_ONLY ? undefined : monorepoRoot();
// execute() ends the process through oclif's handle() on an error, so finishCommand runs only after
// a command that succeeded; then the process ends as soon as the command's output is written and
// nothing else is open (dist/exit-when-idle.cjs: no heap teardown).
oclif
  .execute({
    dir: __filename,
    loadOptions: root ? { root: packageDir, pluginAdditions: { core: ['@helmts/plugin-*'], path: root } } : undefined,
  })
  .then(() => {
    finishCommand();
    // in a checkout, a workspace plugin added or removed changes node_modules/@helmts
    helpRecorder?.store(loadedConfig, root ? [join(root, 'package.json'), join(root, 'node_modules', '@helmts')] : []);
    return require('../dist/exit-when-idle.cjs').exitWhenIdle();
  });
