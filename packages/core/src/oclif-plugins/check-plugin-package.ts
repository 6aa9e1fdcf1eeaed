import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { extractArchive } from '@helmts/archive';
import { Constraint } from '@helmts/semver';

import { HelmtsError } from '../sdk/errors.js';
import { describeNpmFailure } from './npm-failure.js';
import { runNpm } from './run-npm.js';

/** What a package.json says about a helmts plugin. */
interface PluginPackageJson {
  name?: string;
  version?: string;
  oclif?: { commands?: string | { target?: string } };
  peerDependencies?: Record<string, string>;
  helmts?: { sdk?: string };
}

export interface PluginPackageCheckOptions {
  /**
   * oclif's data directory, where `plugins install` runs npm; its package.json must exist (npm
   * would otherwise take a directory above it for the project) and link the running CLI, so the
   * plugin's `@helmts/core` resolves the way the install will resolve it (data-dir-sdk-link.cts).
   */
  dataDir: string;
  /** The running @helmts/core's version (a plugin's peerDependency on it must accept it). */
  coreVersion: string;
  /** The running SDK's version (a plugin's `helmts.sdk` range must accept it). */
  sdkVersion: string;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

/** The JavaScript and TypeScript files under a directory (deep). */
async function sourceFiles(dir: string): Promise<{ js: number; ts: number }> {
  const found = { js: 0, ts: 0 };
  for (const entry of await readdir(dir, { recursive: true })) {
    const name = String(entry);
    if (/\.d\.[cm]?ts$/.test(name)) continue;
    if (/\.[cm]?js$/.test(name)) found.js++;
    else if (/\.[cm]?tsx?$/.test(name)) found.ts++;
  }
  return found;
}

/** Why the package cannot give helmts any command, or undefined when it can. */
async function missingCommands(root: string, pjson: PluginPackageJson): Promise<string | undefined> {
  if (!pjson.oclif || typeof pjson.oclif !== 'object')
    return 'it is not a helmts plugin: its package.json has no "oclif" section';
  const manifest = await readFile(join(root, 'oclif.manifest.json'), 'utf8').then(
    (text) => JSON.parse(text) as { commands?: Record<string, unknown> },
    () => undefined,
  );
  if (manifest && Object.keys(manifest.commands ?? {}).length > 0) return undefined;
  const commands = pjson.oclif.commands;
  const target = typeof commands === 'string' ? commands : commands?.target;
  if (!target) return 'it declares no commands ("oclif.commands" is missing)';
  const path = join(root, target);
  if (typeof commands !== 'string') {
    const candidates = [path, `${path}.js`, `${path}.cjs`, `${path}.mjs`, join(path, 'index.js')];
    for (const candidate of candidates) if (await exists(candidate)) return undefined;
    return `it has no commands: ${target} is not in the package (build the plugin before packing it)`;
  }
  if (!(await exists(path)))
    return `it has no commands: ${target} is not in the package (build the plugin before packing it)`;
  const files = await sourceFiles(path);
  if (files.js > 0) return undefined;
  return files.ts > 0
    ? `it has no commands: ${target} holds only TypeScript sources (compile the plugin before packing it)`
    : `it has no commands: ${target} is empty`;
}

/** Why the plugin was built for another SDK, or undefined when it fits this helmts. */
function incompatibleSdk(pjson: PluginPackageJson, options: PluginPackageCheckOptions): string | undefined {
  const declared: [string, string | undefined, string][] = [
    ['"helmts.sdk"', pjson.helmts?.sdk, options.sdkVersion],
    ['its peerDependency on @helmts/core', pjson.peerDependencies?.['@helmts/core'], options.coreVersion],
  ];
  for (const [where, range, running] of declared) {
    if (range === undefined) continue;
    const constraint = typeof range === 'string' ? Constraint.tryParse(range) : undefined;
    if (!constraint) return `${where} is not a version range: ${JSON.stringify(range)}`;
    if (!constraint.check(running))
      return `it is built for helmts SDK ${range} (${where}) and this helmts has ${running}`;
  }
  return undefined;
}

/**
 * Checks a plugin before `plugins install` changes anything: its package (fetched alone with
 * `npm pack`) must declare commands that are in it, compiled, and accept this helmts' SDK; its
 * dependencies must resolve (`npm install --dry-run` in the data directory, which writes nothing).
 * A registry that is down or failing is reported as such. Throws a HelmtsError with one line.
 */
export async function checkPluginPackage(spec: string, options: PluginPackageCheckOptions): Promise<void> {
  const scratch = await mkdtemp(join(tmpdir(), 'helmts-plugin-check-'));
  try {
    const [pack, resolve] = await Promise.all([
      runNpm(['pack', spec, '--json', '--pack-destination', scratch], scratch),
      runNpm(['install', spec, '--dry-run', '--omit', 'dev', '--ignore-scripts'], options.dataDir),
    ]);
    if (pack.code !== 0) throw new HelmtsError(describeNpmFailure(pack.stderr, spec));
    const [{ filename }] = JSON.parse(pack.stdout) as { filename: string }[];
    const unpacked = join(scratch, 'unpacked');
    await extractArchive(await readFile(join(scratch, filename)), unpacked, { kind: 'npm packages' });
    const root = join(unpacked, 'package');
    const pjson = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as PluginPackageJson;
    const name = `${pjson.name ?? spec}@${pjson.version ?? '?'}`;
    const problem = (await missingCommands(root, pjson)) ?? incompatibleSdk(pjson, options);
    if (problem) throw new HelmtsError(`cannot install ${name}: ${problem}`);
    if (resolve.code !== 0) throw new HelmtsError(describeNpmFailure(resolve.stderr, pjson.name ?? spec));
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
