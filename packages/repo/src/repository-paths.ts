import { join } from 'node:path';

/**
 * Where the repository library keeps its files. Helm 2's home layout (@helmts/core's HelmHome)
 * has exactly these; any object with them will do.
 */
export interface RepositoryPaths {
  /** repositories.yaml */
  readonly repositoryFile: string;
  /** The directory of downloaded indexes, `<name>-index.yaml`. */
  readonly cache: string;
  /** Where downloaded charts go when no destination is given. */
  readonly archive: string;
}

/** Where `repo add`/`repo update` store a repository's downloaded index. */
export function indexCachePath(paths: RepositoryPaths, repositoryName: string): string {
  return join(paths.cache, `${repositoryName}-index.yaml`);
}
