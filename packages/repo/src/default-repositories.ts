import { lstat, mkdir, symlink } from 'node:fs/promises';
import { join } from 'node:path';

import { IndexFile } from './index-file/index-file.js';
import { RepositoriesFile, type RepositoryEntry } from './repositories-file.js';
import { fetchRepositoryIndex, LOCAL_REPOSITORY, type FetchIndexOptions } from './repositories.js';
import { indexCachePath, type RepositoryPaths } from './repository-paths.js';

/** Helm 2.17's default `stable` repository (the archive the old Google bucket moved to). */
export const DEFAULT_STABLE_REPOSITORY_URL = 'https://charts.helm.sh/stable';
/** Helm 2's `local` repository: what `serve` serves by default. */
export const DEFAULT_LOCAL_REPOSITORY_URL = 'http://127.0.0.1:8879/charts';
const STABLE_REPOSITORY = 'stable';

export interface DefaultRepositoriesOptions extends Pick<FetchIndexOptions, 'getters'> {
  stableUrl: string;
  localUrl: string;
  /** --skip-refresh: add `stable` without downloading its index. */
  skipRefresh: boolean;
}

export interface DefaultRepositoriesResult {
  /** Helm 2's lines, in its order ("Adding stable repo with URL: ... "). */
  lines: string[];
  /** Set when the stable index could not be downloaded: `stable` was added all the same. */
  warning?: string;
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

/**
 * What `init` does when repositories.yaml does not exist yet, as Helm 2 does: `stable` (its index
 * downloaded unless skipRefresh) and `local` (an empty index in `localRepository`, linked into
 * the cache), written with absolute cache paths. Unlike Helm 2, an unreachable stable repository
 * is not fatal: it is added anyway, with a warning saying to run `repo update` later.
 */
export async function addDefaultRepositories(
  paths: RepositoryPaths & { readonly localRepository: string },
  options: DefaultRepositoriesOptions,
): Promise<DefaultRepositoriesResult> {
  const lines: string[] = [];
  const file = new RepositoriesFile(paths.repositoryFile);
  let warning: string | undefined;

  lines.push(`Adding ${STABLE_REPOSITORY} repo with URL: ${options.stableUrl} `);
  const stable: RepositoryEntry = {
    name: STABLE_REPOSITORY,
    url: options.stableUrl,
    cache: indexCachePath(paths, STABLE_REPOSITORY),
  };
  if (!options.skipRefresh) {
    try {
      await fetchRepositoryIndex(stable, stable.cache, { getters: options.getters, idleTimeoutMs: 30_000 });
    } catch (error) {
      if (!(error instanceof Error)) throw error;
      warning = `${error.message.split('\n')[0]}; "${STABLE_REPOSITORY}" was added without its index: run "repo update" once it can be reached`;
    }
  }
  file.update(stable);

  const localIndex = join(paths.localRepository, 'index.yaml');
  const localCache = indexCachePath(paths, LOCAL_REPOSITORY);
  if (!(await exists(localIndex))) {
    lines.push(`Adding ${LOCAL_REPOSITORY} repo with URL: ${options.localUrl} `);
    await mkdir(paths.localRepository, { recursive: true });
    await new IndexFile().write(localIndex);
    await mkdir(paths.cache, { recursive: true });
    if (!(await exists(localCache))) await symlink(localIndex, localCache);
  }
  file.update({ name: LOCAL_REPOSITORY, url: options.localUrl, cache: localCache });
  await file.write();
  return { lines, warning };
}
