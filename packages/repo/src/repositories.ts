import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';

import {
  downloadToFile,
  UnsupportedSchemeError,
  type DownloadOptions,
  type SchemeGetters,
  type TransportOptions,
} from './http/download.js';
import { canFetch, indexUrl, redactUrl, schemeOf } from './http/url.js';
import { cacheFileOf, IndexCache } from './index-cache.js';
import { IndexFormatError } from './index-file/index-reader.js';
import { cachePathOf, RepositoriesFile, withRepositoriesLock, type RepositoryEntry } from './repositories-file.js';
import { InvalidRequestError, RepoError, RepoNotFoundError } from './errors.js';
import { indexCachePath, type RepositoryPaths } from './repository-paths.js';

/** The repository Helm's `serve` feeds; `repo update` leaves it alone, as Helm does. */
export const LOCAL_REPOSITORY = 'local';

export function transportOf(entry: RepositoryEntry): TransportOptions {
  return {
    username: entry.username,
    password: entry.password,
    caFile: entry.caFile,
    certFile: entry.certFile,
    keyFile: entry.keyFile,
    insecureSkipTlsVerify: entry.insecure_skip_tls_verify,
  };
}

export interface FetchIndexOptions {
  onProgress?: DownloadOptions['onProgress'];
  idleTimeoutMs?: number;
  /** Fetchers for schemes beyond http(s) (downloader plugins). */
  getters?: SchemeGetters;
  /** The repository's URL as the user typed it, for messages (`repo add` stores it without a final "/"). */
  shownUrl?: string;
}

/** A repository URL no getter handles, in Helm 2's words (its NewChartRepository). */
function noProtocolHandler(scheme: string): RepoError {
  return new RepoError(`Could not find protocol handler for: ${scheme}`);
}

/**
 * Downloads a repository's index.yaml, checks it is an index while building its search cache,
 * and only then moves both into place: a failed, truncated or bogus download leaves the
 * previous index and cache untouched.
 */
export async function fetchRepositoryIndex(
  entry: RepositoryEntry,
  indexPath: string,
  options: FetchIndexOptions = {},
): Promise<IndexCache> {
  await mkdir(dirname(indexPath), { recursive: true });
  const staging = `${indexPath}.${randomBytes(6).toString('hex')}.staging`;
  const stagingCache = cacheFileOf(staging);
  const url = indexUrl(entry.url);
  const notARepository = (reason: string, hint?: string) =>
    new RepoError(
      `Looks like "${redactUrl(options.shownUrl ?? entry.url)}" is not a valid chart repository or cannot be reached: ${reason}`,
      { hint },
    );
  try {
    let cache: IndexCache;
    try {
      await downloadToFile(url, staging, {
        ...transportOf(entry),
        onProgress: options.onProgress,
        idleTimeoutMs: options.idleTimeoutMs,
        getters: options.getters,
      });
    } catch (error) {
      if (error instanceof UnsupportedSchemeError) throw noProtocolHandler(error.scheme);
      if (error instanceof RepoError) throw notARepository(error.message, error.hint);
      throw error;
    }
    try {
      cache = await IndexCache.build(staging, stagingCache);
    } catch (error) {
      if (error instanceof IndexFormatError)
        throw notARepository(
          `${url}: ${error.message}`,
          'check that the URL is the repository root (the directory holding index.yaml)',
        );
      throw error;
    }
    if (cache.chartCount === 0 && cache.problems.length > 0) {
      throw notARepository(`${url} has no usable entries: ${summarizeProblems(cache.problems)}`);
    }
    await rename(staging, indexPath);
    await rename(stagingCache, cacheFileOf(indexPath));
    return cache;
  } finally {
    await rm(staging, { force: true });
    await rm(stagingCache, { force: true });
  }
}

export function summarizeProblems(problems: string[], max = 3): string {
  const shown = problems.slice(0, max).join('; ');
  return problems.length > max ? `${shown}; and ${problems.length - max} more` : shown;
}

export interface AddRepositoryOptions extends FetchIndexOptions {
  /** Refuse to replace an existing entry of that name (Helm 2's `--no-update`). */
  noUpdate?: boolean;
}

export interface AddRepositoryResult {
  entry: RepositoryEntry;
  /** Index entries skipped as unusable. */
  problems: string[];
}

function hasHost(url: string): boolean {
  try {
    return new URL(url).host !== '';
  } catch {
    return false;
  }
}

const NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** `repo add`: fetch the index first, then record the repository. */
export async function addRepository(
  home: RepositoryPaths,
  input: Omit<RepositoryEntry, 'cache'>,
  options: AddRepositoryOptions = {},
): Promise<AddRepositoryResult> {
  if (!NAME_PATTERN.test(input.name))
    throw new InvalidRequestError(`invalid repository name "${input.name}"`, {
      hint: 'use letters, digits, ".", "_" and "-"',
    });
  // Helm 2 looks for a getter first: a text without a scheme has none
  if (schemeOf(input.url) === undefined) throw noProtocolHandler('');
  if (!hasHost(input.url)) {
    throw new InvalidRequestError(`invalid repository URL "${input.url}"`, {
      hint: 'a chart repository URL starts with http://, https:// or a scheme a downloader plugin handles',
    });
  }
  // Helm 2 refuses a scheme no getter handles before fetching anything.
  if (!canFetch(input.url, options.getters)) throw noProtocolHandler(schemeOf(input.url)!);
  const existing = await RepositoriesFile.load(home.repositoryFile);
  if (options.noUpdate && existing.has(input.name)) {
    throw new RepoError(`repository name (${input.name}) already exists, please specify a different name`);
  }
  const entry: RepositoryEntry = {
    ...input,
    url: input.url.replace(/\/+$/, ''),
    cache: indexCachePath(home, input.name),
  };
  const cache = await fetchRepositoryIndex(entry, indexCachePath(home, input.name), {
    ...options,
    shownUrl: input.url,
  });
  await withRepositoriesLock(home.repositoryFile, async () => {
    const file = await RepositoriesFile.load(home.repositoryFile);
    if (options.noUpdate && file.has(entry.name))
      throw new RepoError(`repository name (${entry.name}) already exists, please specify a different name`);
    file.update(entry);
    await file.write();
  });
  return { entry, problems: cache.problems };
}

/** `repo remove`: drop the entry and its cached index and cache. */
export async function removeRepository(home: RepositoryPaths, name: string): Promise<void> {
  await withRepositoriesLock(home.repositoryFile, async () => {
    const file = await RepositoriesFile.load(home.repositoryFile);
    const entry = file.get(name);
    if (!entry)
      throw new RepoNotFoundError(`no repo named "${name}" found`, {
        hint: 'see the configured repositories with "repo list"',
      });
    file.remove(name);
    await file.write();
    const indexPath = cachePathOf(entry, home.cache);
    await rm(indexPath, { force: true });
    await rm(cacheFileOf(indexPath), { force: true });
  });
}

export interface UpdateResult {
  name: string;
  url: string;
  skipped?: boolean;
  error?: Error;
}

/** `repo update [NAME...]`: refreshes the repositories in parallel; each result says how it went. */
export async function updateRepositories(
  home: RepositoryPaths,
  names: string[] = [],
  options: FetchIndexOptions & { onResult?: (r: UpdateResult) => void } = {},
): Promise<UpdateResult[]> {
  const file = await RepositoriesFile.load(home.repositoryFile);
  if (file.repositories.length === 0) {
    throw new RepoError('no repositories found. You must add one before updating', {
      hint: 'add one with "repo add NAME URL"',
    });
  }
  for (const name of names) if (!file.has(name)) throw new RepoNotFoundError(`no repo named "${name}" found`);
  const selected = names.length > 0 ? file.repositories.filter((r) => names.includes(r.name)) : file.repositories;
  return Promise.all(
    selected.map(async (entry) => {
      let result: UpdateResult;
      if (entry.name === LOCAL_REPOSITORY && names.length === 0)
        result = { name: entry.name, url: entry.url, skipped: true };
      else {
        try {
          await fetchRepositoryIndex(entry, cachePathOf(entry, home.cache), options);
          result = { name: entry.name, url: entry.url };
        } catch (error) {
          result = { name: entry.name, url: entry.url, error: error as Error };
        }
      }
      options.onResult?.(result);
      return result;
    }),
  );
}

export interface LoadedRepository {
  name: string;
  entry: RepositoryEntry;
  cache: IndexCache;
}

/**
 * The search caches of every configured repository (built from the cached index if missing).
 * Repositories whose index is missing or corrupt are reported through `onMissing` and left out.
 */
export async function loadRepositoryCaches(
  home: RepositoryPaths,
  onMissing?: (name: string, error: Error) => void,
): Promise<LoadedRepository[]> {
  const file = await RepositoriesFile.load(home.repositoryFile);
  const loaded = await Promise.all(
    file.repositories.map(async (entry) => {
      try {
        return { name: entry.name, entry, cache: await IndexCache.load(cachePathOf(entry, home.cache)) };
      } catch (error) {
        onMissing?.(entry.name, error as Error);
        return undefined;
      }
    }),
  );
  return loaded.filter((r): r is LoadedRepository => r !== undefined);
}
