/**
 * Installed plugins depend on `@helmts/core` (the SDK), so npm puts a copy of it in the plugin data
 * directory beside them, and a plugin's `require('@helmts/core')` finds that copy, not the global
 * CLI that is running. Two SDKs in one process cost a second core and oclif bundle on every plugin
 * command (~14 ms CPU with the code cache) and split what the SDK shares: hooks, settings, error
 * classes. So a require of `@helmts/core` that resolves to another copy gets this CLI's own SDK
 * instead, when that copy is one the CLI can stand in for: the same major version (the same minor
 * in 0.x, as `^` reads it) and not newer than the CLI (a plugin may use exports added since).
 *
 * Only require(): an ES module `import '@helmts/core'` (a third-party plugin written as ESM) is
 * resolved by Node's ES module loader and still gets its own copy. Plain CommonJS, no imports
 * beyond Node's: it runs on every start.
 */
import { readFileSync } from 'node:fs';
import Module from 'node:module';
import { dirname, join } from 'node:path';

type ResolveFilename = (request: string, parent: unknown, isMain: boolean, options?: unknown) => string;

function parts(version: string): number[] {
  return version
    .split('-')[0]
    .split('.')
    .map((n) => Number(n));
}

/** Whether a plugin written against SDK `wanted` runs on SDK `own`. */
function standsIn(own: string, wanted: string): boolean {
  const [ownMajor, ownMinor, ownPatch] = parts(own);
  const [major, minor, patch] = parts(wanted);
  if (ownMajor !== major || (major === 0 && ownMinor !== minor)) return false;
  return ownMinor > minor || (ownMinor === minor && ownPatch >= patch);
}

function versionAt(root: string): { name?: string; version?: string } {
  return JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name?: string; version?: string };
}

/** Makes `require('@helmts/core')` from any module give the SDK of the CLI installed at `ownRoot`. */
export function shareSdk(ownRoot: string): void {
  const ownEntry = join(ownRoot, 'dist', 'plugin.cjs');
  const internals = Module as unknown as { _resolveFilename: ResolveFilename };
  const resolve = internals._resolveFilename;
  const decided = new Map<string, boolean>();
  internals._resolveFilename = function (request, parent, isMain, options) {
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
