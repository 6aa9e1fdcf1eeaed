import { mkdtemp, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';

import {
  type Chart,
  goPathError,
  loadChart,
  loadChartDirectory,
  readChartArchiveMetadata,
  saveChartArchive,
} from '@helmts/chart';
import { Constraint, Version } from '@helmts/semver';

import { pickVersion } from '../chart-lookup.js';
import { HELM2_SEMVER } from '../helm2-semver.js';
import type { SchemeGetters } from '../http/download.js';
import { redactUrl, resolveChartUrl } from '../http/url.js';
import { IndexCache } from '../index-cache.js';
import { cachePathOf, RepositoriesFile, type RepositoryEntry } from '../repositories-file.js';
import { downloadChart } from '../resolve/chart-reference.js';
import { fetchRepositoryIndex, transportOf, updateRepositories, type UpdateResult } from '../repositories.js';
import {
  dependencyDigest,
  loadDependencyFiles,
  writeLockFile,
  type Dependency,
  type DependencyFiles,
  type LockedDependency,
} from './requirements.js';
import { RepoError, RepoNotFoundError } from '../errors.js';
import type { RepositoryPaths } from '../repository-paths.js';

export type DependencyStatus =
  | 'ok'
  | 'missing'
  | 'wrong version'
  | 'unpacked'
  | 'misnamed'
  | 'mispackaged'
  | 'corrupt'
  | 'invalid version'
  | 'too many matches';

export interface DependencyListing {
  files: DependencyFiles;
  rows: { name: string; version: string; repository: string; status: DependencyStatus }[];
  /** Archives in charts/ that no dependency names. */
  unlisted: string[];
}

function versionStatus(actual: string, wanted: string): DependencyStatus {
  if (actual === wanted) return 'ok';
  const constraint = Constraint.tryParse(wanted, HELM2_SEMVER);
  const version = Version.tryParse(actual, HELM2_SEMVER);
  if (!constraint || !version) return 'invalid version';
  return constraint.check(version) ? 'ok' : 'wrong version';
}

async function statusOf(chartDir: string, dep: Dependency, archives: string[]): Promise<DependencyStatus> {
  const matches = archives.filter((a) => a.startsWith(`${dep.name}-`) && a.endsWith('.tgz'));
  if (matches.length > 1) return 'too many matches';
  if (matches.length === 1) {
    try {
      const meta = readChartArchiveMetadata(await readFile(join(chartDir, 'charts', matches[0])));
      if (meta.name !== dep.name) return 'misnamed';
      return versionStatus(meta.version, dep.version);
    } catch {
      return 'corrupt';
    }
  }
  const folder = join(chartDir, 'charts', dep.name);
  const info = await stat(folder).catch(() => undefined);
  if (!info) return 'missing';
  if (!info.isDirectory()) return 'mispackaged';
  try {
    const files = await loadDependencyFiles(folder);
    if (files.chartName !== dep.name) return 'misnamed';
    const status = versionStatus(files.chartVersion, dep.version);
    return status === 'ok' ? 'unpacked' : status;
  } catch {
    return 'corrupt';
  }
}

/**
 * The chart directory a dependency command was given, refused in Helm 2's words when it is none:
 * `list` says it as Helm 2's `dependency list` does, `update` as `dependency update` and `build`.
 */
async function checkChartDirectory(chartDir: string, command: 'list' | 'update'): Promise<Chart | undefined> {
  let info;
  try {
    info = await stat(chartDir);
  } catch (error) {
    // `dependency list` names the absolute path, `update` and `build` the path as given (Helm 2)
    throw new RepoNotFoundError(
      command === 'list'
        ? goPathError('stat', resolve(chartDir), error)
        : `could not find ${chartDir}: ${goPathError('stat', chartDir, error)}`,
      { cause: error },
    );
  }
  if (info.isDirectory()) {
    if (await stat(join(chartDir, 'Chart.yaml')).catch(() => undefined)) return undefined;
    throw new RepoNotFoundError(
      command === 'list'
        ? `no Chart.yaml exists in directory ${JSON.stringify(resolve(chartDir))}`
        : 'chart metadata (Chart.yaml) missing',
    );
  }
  // a file: `update` and `build` want a directory; `list` loads it as a chart archive, and says why it
  // is not one (naming the absolute path), as Helm 2 does
  if (command === 'update') throw new RepoError('only unpacked charts can be updated');
  return loadChart(resolve(chartDir));
}

/** What a chart archive declares, as loadDependencyFiles reads it from a directory. */
function archiveDependencyFiles(path: string, chart: Chart): DependencyFiles {
  const v2 = chart.metadata.apiVersion === 'v2';
  const dependencies = chart.metadata.dependencies ?? [];
  return {
    chartDir: path,
    apiVersion: chart.metadata.apiVersion,
    chartName: chart.metadata.name,
    chartVersion: chart.metadata.version,
    dependencies: dependencies.map((d) => ({ name: d.name, version: d.version ?? '', repository: d.repository })),
    source: dependencies.length === 0 ? 'none' : v2 ? 'Chart.yaml' : 'requirements.yaml',
    lockFile: join(path, v2 ? 'Chart.lock' : 'requirements.lock'),
  };
}

/** `dependency list`: each declared dependency and what charts/ holds for it. */
export async function listDependencies(chartDir: string): Promise<DependencyListing> {
  const archive = await checkChartDirectory(chartDir, 'list');
  // an archive's dependencies are its own; charts/ beside the archive holds none (all "missing")
  const files = archive ? archiveDependencyFiles(chartDir, archive) : await loadDependencyFiles(chartDir);
  const archives = await readdir(join(chartDir, 'charts')).catch(() => [] as string[]);
  const rows = [];
  for (const dep of files.dependencies)
    rows.push({
      name: dep.name,
      version: dep.version,
      repository: dep.repository,
      status: await statusOf(chartDir, dep, archives),
    });
  const unlisted = archives.filter(
    (a) => a.endsWith('.tgz') && !files.dependencies.some((d) => a.startsWith(`${d.name}-`)),
  );
  return { files, rows, unlisted };
}

export interface DependencyRunOptions {
  home: RepositoryPaths;
  /** Do not refresh the repositories' indexes first (`--skip-refresh`). */
  skipRefresh?: boolean;
  /** Progress lines in Helm's wording. */
  log?: (line: string) => void;
  /** `--debug`: also the lines Helm 2 prints only then (`Repository from local path: file://...`, `Archiving ...`). */
  debug?: boolean;
  /** Fetchers for schemes beyond http(s) (downloader plugins). */
  getters?: SchemeGetters;
  /** Check each downloaded chart against its .prov with `keyring` (`--verify`); the .prov is kept beside it. */
  verify?: boolean;
  keyring?: string;
}

/** Where a dependency's `repository` points: a configured repository, an ad-hoc URL, a local path, or charts/ itself. */
type RepositoryTarget =
  | { kind: 'configured'; entry: RepositoryEntry }
  | { kind: 'url'; url: string }
  | { kind: 'file'; path: string }
  | { kind: 'none' };

function targetOf(dep: Dependency, chartDir: string, repos: RepositoriesFile): RepositoryTarget {
  const repository = dep.repository.trim();
  if (!repository) return { kind: 'none' };
  if (repository.startsWith('file://')) {
    const path = repository.slice('file://'.length);
    return { kind: 'file', path: isAbsolute(path) ? path : resolve(chartDir, path) };
  }
  if (repository.startsWith('@') || repository.startsWith('alias:')) {
    const name = repository.startsWith('@') ? repository.slice(1) : repository.slice('alias:'.length);
    const entry = repos.get(name);
    if (!entry)
      throw new RepoNotFoundError(`no repository definition for ${repository}. Please add them via 'helm repo add'`, {
        hint: `run "repo add ${name} URL"`,
      });
    return { kind: 'configured', entry };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repository)) {
    const entry = repos.repositories.find((r) => r.url.replace(/\/+$/, '') === repository.replace(/\/+$/, ''));
    return entry ? { kind: 'configured', entry } : { kind: 'url', url: repository };
  }
  throw new RepoNotFoundError(`no repository definition for ${repository}. Please add them via 'helm repo add'`, {
    hint: 'a dependency repository is a URL, "@name", "alias:name" or "file://path"',
  });
}

/**
 * Helm's UpdateRepositories before resolving: every configured repository (the local one included),
 * whatever the dependencies use, each line as its download finishes; nothing when there are none.
 */
async function refresh(options: DependencyRunOptions): Promise<void> {
  if (options.skipRefresh) return;
  const names = (await RepositoriesFile.load(options.home.repositoryFile)).repositories.map((r) => r.name);
  if (names.length === 0) return;
  const log = options.log ?? (() => {});
  log('Hang tight while we grab the latest from your chart repositories...');
  await updateRepositories(options.home, names, {
    getters: options.getters,
    onResult(r: UpdateResult) {
      if (r.error)
        log(`...Unable to get an update from the "${r.name}" chart repository (${r.url}):\n\t${r.error.message}`);
      else log(`...Successfully got an update from the "${r.name}" chart repository`);
    },
  });
  log('Update Complete.');
}

interface Resolved {
  dep: Dependency;
  locked: LockedDependency;
  target: RepositoryTarget;
}

/** Resolves every dependency to one version, as the lock will record it. */
async function resolveAll(
  files: DependencyFiles,
  targets: RepositoryTarget[],
  adhoc: Map<string, IndexCache>,
  home: RepositoryPaths,
): Promise<Resolved[]> {
  const missing: string[] = [];
  const resolved: Resolved[] = [];
  for (const [i, dep] of files.dependencies.entries()) {
    const target = targets[i];
    const locked: LockedDependency = { name: dep.name, version: dep.version, repository: dep.repository };
    if (target.kind === 'configured' || target.kind === 'url') {
      const cache =
        target.kind === 'url'
          ? adhoc.get(target.url)!
          : await IndexCache.load(cachePathOf(target.entry, home.cache)).catch(() => {
              throw new RepoNotFoundError(`no cached index for repository "${target.entry.name}"`, {
                hint: 'run "repo update"',
              });
            });
      const versions = cache.versions(dep.name);
      if (versions.length === 0) throw new RepoNotFoundError(`${dep.name} chart not found in repo ${dep.repository}`);
      const chart = pickVersion(versions, dep.version || '*');
      if (!chart) missing.push(dep.name);
      else locked.version = chart.version;
    } else if (target.kind === 'file') {
      await loadDependencyFiles(target.path).catch(() => {
        throw new RepoNotFoundError(`directory ${target.path} not found`, {
          hint: `fix the file:// path of dependency "${dep.name}"`,
        });
      });
    }
    resolved.push({ dep, locked, target });
  }
  if (missing.length > 0) {
    throw new RepoError(
      `Can't get a valid version for repositories ${missing.join(', ')}. Try changing the version constraint in ${files.source}`,
    );
  }
  return resolved;
}

async function fetchAdhocIndexes(
  targets: RepositoryTarget[],
  work: string,
  getters?: SchemeGetters,
): Promise<Map<string, IndexCache>> {
  const out = new Map<string, IndexCache>();
  for (const target of targets) {
    if (target.kind !== 'url' || out.has(target.url)) continue;
    const entry: RepositoryEntry = {
      name: `adhoc-${out.size}`,
      url: target.url,
      cache: join(work, `adhoc-${out.size}-index.yaml`),
    };
    out.set(target.url, await fetchRepositoryIndex(entry, entry.cache, { getters }));
  }
  return out;
}

/** Downloads (or packs) every resolved dependency into charts/, replacing superseded archives only once all succeeded. */
async function downloadAll(
  files: DependencyFiles,
  resolved: Resolved[],
  adhoc: Map<string, IndexCache>,
  options: DependencyRunOptions,
): Promise<void> {
  const log = options.log ?? (() => {});
  const chartsDir = join(files.chartDir, 'charts');
  const staging = join(files.chartDir, 'tmpcharts');
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  const fetched = resolved.filter((r) => r.target.kind !== 'none');
  log(`Saving ${fetched.length} charts`);
  try {
    for (const { dep, locked, target } of fetched) {
      if (target.kind === 'file') {
        if (options.debug) log(`Archiving ${dep.name} from repo ${dep.repository}`);
        saveChartArchive(loadChartDirectory(target.path), staging);
        continue;
      }
      const cache =
        target.kind === 'url'
          ? adhoc.get(target.url)!
          : await IndexCache.load(cachePathOf((target as { entry: RepositoryEntry }).entry, options.home.cache));
      const repoUrl = target.kind === 'url' ? target.url : (target as { entry: RepositoryEntry }).entry.url;
      const chart = cache.versions(dep.name).find((v) => v.version === locked.version);
      if (!chart)
        throw new RepoNotFoundError(`${dep.name} version ${locked.version} not found in repo ${dep.repository}`, {
          hint: 'run "dependency update"',
        });
      log(`Downloading ${dep.name} from repo ${dep.repository}`);
      const url = resolveChartUrl(repoUrl, chart.url);
      await downloadChart(
        {
          url,
          transport: target.kind === 'configured' ? transportOf(target.entry) : {},
          digest: chart.digest || undefined,
        },
        {
          home: options.home,
          destination: staging,
          getters: options.getters,
          provenance: options.verify ? 'verify' : undefined,
          keyring: options.keyring,
        },
        'repository',
      ).catch((error: unknown) => {
        // Helm 2's words for a download that failed (or did not verify), and what it does about it
        const reason = `could not download ${redactUrl(url)}: ${(error as Error).message}`;
        log(`Save error occurred:  ${reason}`);
        log('Deleting newly downloaded charts, restoring pre-update state');
        throw new RepoError(reason, { hint: (error as RepoError).hint, cause: error });
      });
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
  log('Deleting outdated charts');
  await mkdir(chartsDir, { recursive: true });
  for (const existing of await readdir(chartsDir)) {
    if (!existing.endsWith('.tgz')) continue;
    if (fetched.some(({ dep }) => existing.startsWith(`${dep.name}-`)))
      await rm(join(chartsDir, existing), { force: true });
  }
  for (const file of await readdir(staging)) await rename(join(staging, file), join(chartsDir, file));
  await rm(staging, { recursive: true, force: true });
}

async function prepare(chartDir: string, options: DependencyRunOptions) {
  await checkChartDirectory(chartDir, 'update');
  const files = await loadDependencyFiles(chartDir);
  const repos = await RepositoriesFile.load(options.home.repositoryFile);
  const targets = files.dependencies.map((d) => targetOf(d, chartDir, repos));
  return { files, targets };
}

/** `dependency update`: resolve the constraints against the repositories, download, write the lock. */
export async function updateDependencies(chartDir: string, options: DependencyRunOptions): Promise<LockedDependency[]> {
  const { files, targets } = await prepare(chartDir, options);
  if (files.dependencies.length === 0) {
    options.log?.(`No requirements found in ${join(chartDir, 'charts')}.`);
    return [];
  }
  // Helm 2's getRepoNames, with --debug
  if (options.debug) {
    for (const [i, dep] of files.dependencies.entries())
      if (targets[i].kind === 'file') options.log?.(`Repository from local path: ${dep.repository}`);
  }
  await refresh(options);
  const work = await mkdtemp(join(tmpdir(), 'helmts-dep-'));
  try {
    const adhoc = await fetchAdhocIndexes(targets, work, options.getters);
    const resolved = await resolveAll(files, targets, adhoc, options.home);
    await downloadAll(files, resolved, adhoc, options);
    const locked = resolved.map((r) => r.locked);
    const digest = dependencyDigest(files, locked);
    const unchanged =
      files.lock?.digest === digest && JSON.stringify(files.lock.dependencies) === JSON.stringify(locked);
    if (!unchanged) await writeLockFile(files, locked);
    return locked;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** `dependency build`: download exactly what the lock says, after checking it matches the dependencies. */
export async function buildDependencies(chartDir: string, options: DependencyRunOptions): Promise<LockedDependency[]> {
  const { files, targets } = await prepare(chartDir, options);
  // no lock file: an update, saying nothing more (Helm 2 and Helm 3 alike)
  if (!files.lock) return updateDependencies(chartDir, options);
  const lockName = files.apiVersion === 'v2' ? 'Chart.lock' : 'requirements.lock';
  if (dependencyDigest(files, files.lock.dependencies) !== files.lock.digest) {
    throw new RepoError(
      `${lockName} is out of sync with ${files.source === 'none' ? 'requirements.yaml' : files.source}`,
      { hint: 'run "dependency update" to resolve the dependencies again' },
    );
  }
  await refresh(options);
  const work = await mkdtemp(join(tmpdir(), 'helmts-dep-'));
  try {
    const adhoc = await fetchAdhocIndexes(targets, work, options.getters);
    const resolved: Resolved[] = files.dependencies.map((dep, i) => {
      const locked =
        files.lock!.dependencies.find((l) => l.name === dep.name && l.repository === dep.repository) ??
        files.lock!.dependencies[i];
      if (!locked)
        throw new RepoError(`${lockName} has no entry for dependency "${dep.name}"`, {
          hint: 'run "dependency update"',
        });
      return { dep, locked, target: targets[i] };
    });
    await downloadAll(files, resolved, adhoc, options);
    return resolved.map((r) => r.locked);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
