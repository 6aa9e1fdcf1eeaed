// fs.promises read when used: every command loads this module, and node:fs/promises costs ~2 ms to load.
import { promises as fsPromises } from 'node:fs';
import { join } from 'node:path';

/**
 * The HELMTS_HOME layout, identical to Helm 2's HELM_HOME so existing files
 * (repositories.yaml, cached indexes, starters, plugins) work as they are.
 */
export class HelmHome {
  constructor(readonly root: string) {}

  get repository(): string {
    return join(this.root, 'repository');
  }
  get repositoryFile(): string {
    return join(this.repository, 'repositories.yaml');
  }
  get cache(): string {
    return join(this.repository, 'cache');
  }
  get localRepository(): string {
    return join(this.repository, 'local');
  }
  get archive(): string {
    return join(this.root, 'cache', 'archive');
  }
  get starters(): string {
    return join(this.root, 'starters');
  }
  get plugins(): string {
    return join(this.root, 'plugins');
  }

  /** Where `repo update` stores a repository's downloaded index. */
  cacheIndex(repoName: string): string {
    return join(this.cache, `${repoName}-index.yaml`);
  }

  /** Every directory `init --client-only` creates, in creation order. */
  get directories(): string[] {
    return [this.root, this.repository, this.cache, this.localRepository, this.plugins, this.starters, this.archive];
  }
}

export interface EnsureHomeResult {
  created: string[];
  repositoryFileCreated: boolean;
}

const EMPTY_REPOSITORY_FILE = 'apiVersion: v1\ngenerated: "0001-01-01T00:00:00Z"\nrepositories: []\n';

async function exists(path: string): Promise<boolean> {
  try {
    await fsPromises.stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Creates whatever part of the home layout is missing; never overwrites what exists. With
 * `repositoryFile: false` only the directories (`init` then adds the default repositories).
 */
export async function ensureHomeLayout(
  home: HelmHome,
  options: { repositoryFile?: boolean } = {},
): Promise<EnsureHomeResult> {
  const created: string[] = [];
  for (const dir of home.directories) {
    if (!(await exists(dir))) {
      await fsPromises.mkdir(dir, { recursive: true });
      created.push(dir);
    }
  }
  let repositoryFileCreated = false;
  if (options.repositoryFile !== false && !(await exists(home.repositoryFile))) {
    await fsPromises.writeFile(home.repositoryFile, EMPTY_REPOSITORY_FILE, { flag: 'wx' });
    repositoryFileCreated = true;
  }
  return { created, repositoryFileCreated };
}
