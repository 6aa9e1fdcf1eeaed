import { mkdtemp, mkdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve as resolvePath } from 'node:path';

import { pickVersion } from '../chart-lookup.js';
import { downloadToFile, type TransportOptions } from '../http/download.js';
import { redactUrl, resolveChartUrl } from '../http/url.js';
import { IndexCache } from '../index-cache.js';
import { sha256File } from '../index-file/index-directory.js';
import { cachePathOf, RepositoriesFile, type RepositoryEntry } from '../repositories-file.js';
import { fetchRepositoryIndex, transportOf } from '../repositories.js';
import { ChartLookupError, RepoError, RepoNotFoundError } from '../errors.js';
import { ociChartSource } from '../oci/oci-chart-source.js';
import type { ChartLocation, ChartRequest, ChartSource, ResolvedChart } from './chart-source.js';
import { downloadProvenance, verifyLocalChart } from './chart-provenance.js';
import { ProvenanceError } from '../provenance/provenance-error.js';

export type { ChartLocation, ChartRequest, ChartSource, ResolvedChart } from './chart-source.js';

async function statOrUndefined(path: string) {
  try {
    return await stat(path);
  } catch {
    return undefined;
  }
}

function notFoundHint(): string {
  return `running "repo update" may help`;
}

/** Downloads a located chart into the destination and checks its digest. */
export async function downloadChart(
  location: ChartLocation,
  request: ChartRequest,
  source: string,
  /** The reference as the user gave it, for messages (default: the URL). */
  reference = location.url,
): Promise<ResolvedChart> {
  const destination = request.destination ?? request.home.archive;
  await mkdir(destination, { recursive: true });
  const file = join(destination, decodeURIComponent(basename(new URL(location.url).pathname)) || 'chart.tgz');
  // a failure is the getter's own words, as Helm's DownloadTo returns them (`fetch URL` prints them;
  // install says "failed to download", `dependency update` "could not download URL: ...")
  await downloadToFile(location.url, file, {
    ...location.transport,
    onProgress: request.onProgress,
    getters: request.getters,
  });
  if (location.digest) {
    const actual = await sha256File(file);
    if (actual !== location.digest.replace(/^sha256:/, '')) {
      await rm(file, { force: true });
      throw new RepoError(
        `digest mismatch for ${basename(file)}: the index says sha256:${location.digest}, the download is sha256:${actual}`,
        {
          hint: 'the repository changed since its index was fetched (run "repo update"), or the download was tampered with',
        },
      );
    }
  }
  const resolved: ResolvedChart = {
    path: file,
    kind: 'archive',
    source,
    url: location.url,
    name: location.name,
    version: location.version,
    digest: location.digest,
    repository: location.repository,
  };
  return request.provenance ? downloadProvenance(resolved, location, request, reference) : resolved;
}

/** A chart directory or archive on disk. */
export const localPathSource: ChartSource = {
  kind: 'local',
  async accepts(reference) {
    if (await statOrUndefined(reference)) return true;
    // `./x`, `../x` and absolute paths are never repository references.
    if (reference.startsWith('.') || reference.startsWith('/'))
      throw new RepoNotFoundError(`path "${reference}" not found`);
    return false;
  },
  async locate() {
    return undefined;
  },
  async resolve(reference) {
    const info = await stat(reference);
    return { path: resolvePath(reference), kind: info.isDirectory() ? 'directory' : 'archive', source: 'local' };
  },
};

/** `--repo URL CHART`: the chart is looked up in that repository's index, fetched for the occasion. */
export const repoUrlSource: ChartSource = {
  kind: 'repo-url',
  async accepts(_reference, request) {
    return Boolean(request.repoUrl);
  },
  async locate(reference, request) {
    const work = await mkdtemp(join(tmpdir(), 'helmts-repo-'));
    try {
      const entry: RepositoryEntry = {
        name: 'repo-url',
        url: request.repoUrl!,
        cache: join(work, 'index.yaml'),
        ...request.transport,
      };
      const cache = await fetchRepositoryIndex(entry, entry.cache, { getters: request.getters }).catch(
        (error: unknown) => {
          if (error instanceof RepoError && error.name === 'RepoError')
            throw new ChartLookupError(error.message, { hint: error.hint, cause: error });
          throw error;
        },
      );
      const chart = pickVersion(cache.versions(reference), request.version, request.devel);
      if (!chart) {
        // Helm 2's words (FindChartInRepoURL), the version only when one was asked for
        const version = request.version ? ` version ${JSON.stringify(request.version)}` : '';
        throw new ChartLookupError(
          `chart ${JSON.stringify(reference)}${version} not found in ${redactUrl(request.repoUrl!)} repository`,
        );
      }
      return {
        url: resolveChartUrl(request.repoUrl!, chart.url),
        transport: request.transport ?? {},
        name: chart.name,
        version: chart.version,
        digest: chart.digest || undefined,
      };
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  },
  async resolve(reference, request) {
    return downloadChart((await this.locate(reference, request))!, request, 'repository');
  },
};

/**
 * A plain chart URL (any `scheme://host/...`: downloadToFile says which schemes it can fetch);
 * a configured repository whose URL it starts with lends its credentials.
 */
export const urlSource: ChartSource = {
  kind: 'url',
  async accepts(reference) {
    return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/]/.test(reference);
  },
  async locate(reference, request) {
    const file = await RepositoriesFile.load(request.home.repositoryFile);
    const owner = file.repositories.find((r) => reference.startsWith(r.url));
    const transport = owner ? { ...transportOf(owner), ...definedOnly(request.transport) } : (request.transport ?? {});
    return { url: reference, transport, repository: owner?.name };
  },
  async resolve(reference, request) {
    return downloadChart((await this.locate(reference, request))!, request, 'url', reference);
  },
};

function definedOnly(transport: TransportOptions | undefined): TransportOptions {
  return Object.fromEntries(
    Object.entries(transport ?? {}).filter(([, v]) => v !== undefined && v !== ''),
  ) as TransportOptions;
}

/** `repoName/chartName` against the configured repositories' cached indexes. */
export const repositorySource: ChartSource = {
  kind: 'repository',
  async accepts() {
    return true;
  },
  async locate(reference, request) {
    const slash = reference.indexOf('/');
    if (slash <= 0 || slash === reference.length - 1) {
      // Helm 2's words, which say what to give
      throw new RepoNotFoundError(`Non-absolute URLs should be in form of repo_name/path_to_chart, got: ${reference}`);
    }
    const repoName = reference.slice(0, slash);
    const chartName = reference.slice(slash + 1);
    const file = await RepositoriesFile.load(request.home.repositoryFile);
    const entry = file.get(repoName);
    if (!entry)
      throw new RepoNotFoundError(`repo ${repoName} not found`, { hint: `add it with "repo add ${repoName} URL"` });
    let cache: IndexCache;
    try {
      cache = await IndexCache.load(cachePathOf(entry, request.home.cache));
    } catch {
      throw new RepoNotFoundError(`no cached repo found. (try 'helm repo update')`, {
        hint: `run "repo update ${repoName}"`,
      });
    }
    const versions = cache.versions(chartName);
    const chart = pickVersion(versions, request.version, request.devel);
    if (!chart && versions.length === 0) {
      // Helm 2's words (its message says what to run)
      throw new RepoNotFoundError(
        `chart "${chartName}" matching version "${request.version ?? ''}" not found in ${repoName} index. (try 'helm repo update'). no chart name found`,
      );
    }
    if (!chart && request.version) {
      // Helm 2's words: the index's own error ends the line (it says what to run)
      throw new RepoNotFoundError(
        `chart "${chartName}" matching version "${request.version}" not found in ${repoName} index. (try 'helm repo update'). No chart version found for ${chartName}-${request.version}`,
      );
    }
    if (!chart) {
      const what = request.version
        ? `matching version "${request.version}"`
        : versions.length > 0
          ? 'with a stable version'
          : '';
      throw new RepoNotFoundError(
        `chart "${chartName}" ${what} not found in ${repoName} index. (try 'helm repo update')`.replace('  ', ' '),
        {
          hint: versions.length > 0 && !request.version ? 'use --devel for prereleases' : notFoundHint(),
        },
      );
    }
    return {
      url: resolveChartUrl(entry.url, chart.url),
      transport: transportOf(entry),
      name: chart.name,
      version: chart.version,
      digest: chart.digest || undefined,
      repository: repoName,
    };
  },
  async resolve(reference, request) {
    return downloadChart((await this.locate(reference, request))!, request, 'repository', reference);
  },
};

export const defaultChartSources: readonly ChartSource[] = [
  localPathSource,
  repoUrlSource,
  ociChartSource,
  urlSource,
  repositorySource,
];

async function sourceFor(
  reference: string,
  request: ChartRequest,
  sources: readonly ChartSource[],
): Promise<ChartSource> {
  for (const source of sources) if (await source.accepts(reference, request)) return source;
  throw new RepoNotFoundError(`cannot resolve chart reference "${reference}"`);
}

/**
 * Turns a chart reference as `install`/`upgrade`/`fetch` take it (local path, `repo/chart`,
 * URL, or a name with `--repo`) into a chart on disk, downloading and digest-checking it
 * when needed (Helm 2's order: local path, --repo, URL, repo/chart).
 */
export async function resolveChart(
  reference: string,
  request: ChartRequest,
  sources: readonly ChartSource[] = defaultChartSources,
): Promise<ResolvedChart> {
  const source = await sourceFor(reference, request, sources);
  if (request.provenance && source.kind === 'oci')
    throw new ProvenanceError(
      'provenance files (--verify, --prov) come from chart repositories: an OCI chart has none',
    );
  const resolved = await source.resolve(reference, request);
  return request.provenance === 'verify' && resolved.source === 'local'
    ? verifyLocalChart(resolved, request)
    : resolved;
}

/** Like resolveChart, without downloading: undefined when the chart is on local disk. */
export async function locateChart(
  reference: string,
  request: ChartRequest,
  sources: readonly ChartSource[] = defaultChartSources,
): Promise<ChartLocation | undefined> {
  return (await sourceFor(reference, request, sources)).locate(reference, request);
}
