import { existsSync } from 'node:fs';

import { type HelmHome, HelmtsError } from '@helmts/core';

/**
 * Helm 2's error for a home without repository/repositories.yaml (repo.LoadRepositoriesFile), its
 * second line saying what to run: `search`, `repo list`, `repo update` and `repo remove` say it
 * before anything else.
 */
export function requireRepositoriesFile(home: HelmHome, bin: string): void {
  if (existsSync(home.repositoryFile)) return;
  throw new HelmtsError(
    `Couldn't load repositories file (${home.repositoryFile}).\n` +
      `You might need to run \`${bin} init\` (or \`${bin} init --client-only\` if tiller is already installed)`,
  );
}
