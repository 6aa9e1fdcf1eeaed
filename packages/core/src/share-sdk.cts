/**
 * One SDK per process. Installed plugins depend on `@helmts/core` (the SDK); the plugin data
 * directory depends on the running CLI itself through a link (data-dir-sdk-link.cts), so npm
 * deduplicates a plugin's compatible `@helmts/core` onto the CLI and Node resolves both its
 * `require` and its `import` to the CLI's own files. Two SDKs in one process would cost a second
 * core and oclif bundle on every plugin command (~14 ms CPU with the code cache) and split what the
 * SDK shares: hooks, settings, error classes. This module covers what the link cannot:
 *
 * - a require of `@helmts/core` that resolves to another copy (a data directory filled by an older
 *   helmts, a plugin installed with an exact version, a second helmts sharing the data directory)
 *   gets this CLI's own SDK instead, when that copy is one the CLI can stand in for: the same major
 *   version (the same minor in 0.x, as `^` reads it) and not newer than the CLI (a plugin may use
 *   exports added since). An ES module `import` of such a copy keeps it.
 * - at start, a link left dangling by a CLI that moved (another Node version, a new prefix) is made
 *   to point at this CLI, and a plugin whose `@helmts/core` range this CLI does not satisfy (the CLI
 *   was upgraded under it) is named with what to run.
 *
 * Plain CommonJS, no imports beyond Node's: it runs on every start.
 */
import { existsSync, lstatSync, readFileSync, realpathSync, renameSync, rmSync, statSync, symlinkSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

function parts(version: string): number[] {
  return version
    .split('-')[0]
    .split('.')
    .map((n) => Number(n));
}

/** Whether a plugin written against SDK `wanted` runs on SDK `own` (`own` satisfies `^wanted`). */
function standsIn(own: string, wanted: string): boolean {
  const [ownMajor, ownMinor, ownPatch] = parts(own);
  const [major, minor, patch] = parts(wanted);
  if (ownMajor !== major || (major === 0 && ownMinor !== minor)) return false;
  return ownMinor > minor || (ownMinor === minor && ownPatch >= patch);
}

function versionAt(root: string): { name?: string; version?: string } {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: string; version?: string };
}

/**
 * Whether Node's lookup for `require('@helmts/core')` from `parent` lands on the CLI itself (an
 * official plugin beside it, or the data directory's link to it): the first `<lookup
 * path>/@helmts/core` that exists, tried in Node's order, has the CLI's real path. The package's
 * exports then give `ownEntry` for require; deciding it here spares resolving those exports, whose
 * first use loads Node's ES module resolver (~10 ms of every plugin command).
 */
function ownPackageAt(parent: unknown, ownRealRoot: string): boolean {
  const paths = (parent as { paths?: unknown } | undefined)?.paths;
  if (!Array.isArray(paths)) return false;
  for (const dir of paths) {
    if (typeof dir !== 'string') return false;
    const candidate = join(dir, '@helmts', 'core');
    try {
      if (!statSync(join(candidate, 'package.json'), { throwIfNoEntry: false })) continue;
      return realpathSync(candidate) === ownRealRoot;
    } catch {
      return false;
    }
  }
  return false;
}

/** Makes `require('@helmts/core')` from any module give the SDK of the CLI installed at `ownRoot`. */
export function shareSdk(ownRoot: string): void {
  // Node resolves to real paths; the CLI's own directory is one already (bin/run.cjs's, as Node ran it)
  const ownRealRoot = realpathSync(ownRoot);
  const ownEntry = join(ownRealRoot, 'dist', 'plugin.cjs');
  const internals = Module as unknown as { _resolveFilename: ResolveFilename };
  const resolve = internals._resolveFilename;
  const decided = new Map<string, boolean>();
  internals._resolveFilename = function (request, parent, isMain, options) {
    if (request === '@helmts/core' && options === undefined && ownPackageAt(parent, ownRealRoot)) return ownEntry;
    const resolved = resolve.call(this, request, parent, isMain, options);
    if (request !== '@helmts/core' || resolved === ownEntry) return resolved;
    let share = decided.get(resolved);
    if (share === undefined) {
      try {
        const copy = versionAt(dirname(dirname(resolved)));
        const own = versionAt(ownRoot).version;
        share = copy.name === '@helmts/core' && !!copy.version && !!own && standsIn(own, copy.version);
      } catch {
        share = false;
      }
      decided.set(resolved, share);
    }
    return share ? ownEntry : resolved;
  };
}

/** The part of oclif's loaded configuration checkDataDirSdk reads. */
interface LoadedConfig {
  dataDir: string;
  version: string;
  plugins: Map<string, { type: string; name: string; root: string; pjson: { dependencies?: Record<string, string> } }>;
}

/**
 * After oclif loaded the plugins and before it imports a command (see the header): repairs the data
 * directory's link to the SDK when it is dangling, and warns about plugins whose `@helmts/core`
 * range the CLI at `ownRoot` does not satisfy, unless `quiet` (a `plugins` command, which fixes
 * them). Costs one or two file system calls when every plugin fits.
 */
export function checkDataDirSdk(config: LoadedConfig, ownRoot: string, quiet: boolean): void {
  const installed = [...config.plugins.values()].filter((plugin) => plugin.type === 'user');
  if (installed.length === 0) return;
  const link = join(config.dataDir, 'node_modules', '@helmts', 'core');
  try {
    if (!existsSync(link) && lstatSync(link).isSymbolicLink()) {
      const temporary = `${link}.${process.pid}`;
      symlinkSync(ownRoot, temporary, 'junction');
      try {
        renameSync(temporary, link);
      } finally {
        rmSync(temporary, { force: true });
      }
    }
  } catch {
    // no link (nothing installed by this helmts yet), or a data directory this user cannot change
  }
  if (quiet) return;
  for (const plugin of installed) {
    const range = plugin.pjson.dependencies?.['@helmts/core'];
    const wanted = /^\^?(\d+\.\d+\.\d+)$/.exec(range ?? '')?.[1];
    if (!wanted || standsIn(config.version, wanted)) continue;
    // npm gave it a copy of its own: it runs on that (and require() on this one only if it fits).
    if (existsSync(join(plugin.root, 'node_modules', '@helmts', 'core'))) continue;
    process.stderr.write(
      `Warning: the plugin ${plugin.name} needs @helmts/core ${range} and this helmts is ${config.version}: run "helmts plugins update"\n`,
    );
  }
}
