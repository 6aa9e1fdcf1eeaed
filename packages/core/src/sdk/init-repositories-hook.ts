/**
 * The custom oclif hook a plugin registers to add Helm 2's default repositories (`stable`,
 * `local`) when `init` creates repositories.yaml. Downloading and checking an index belongs to
 * the repository plugin; without one answering, `init` writes an empty repositories.yaml.
 */
export const INIT_REPOSITORIES_HOOK = 'helmts:init-repositories';

/** The hook's options (oclif adds `config` and `context`). */
export interface InitRepositoriesHookOptions {
  /** HELM_HOME's paths (HelmHome). */
  paths: { repositoryFile: string; cache: string; archive: string; localRepository: string };
  stableUrl: string;
  localUrl: string;
  /** --skip-refresh: do not download the stable index. */
  skipRefresh: boolean;
}

export interface InitRepositoriesHookResult {
  /** Helm 2's "Adding ... repo with URL: ..." lines for stdout. */
  lines: string[];
  /** One line for stderr when the stable index could not be downloaded (init goes on). */
  warning?: string;
}
