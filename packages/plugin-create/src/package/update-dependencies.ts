import { HelmHome, HelmtsError } from '@helmts/core';

type UpdateDependencies = (
  chartDir: string,
  options: { home: HelmHome; log?: (line: string) => void },
) => Promise<unknown>;

/**
 * `package --dependency-update`: the repository library's `dependency update`. It is looked up at
 * run time so that this plugin works (minus this flag) with a repository library without it.
 */
export async function updateChartDependencies(
  chartDir: string,
  home: HelmHome,
  log: (line: string) => void,
): Promise<void> {
  let update: UpdateDependencies | undefined;
  try {
    const repo = (await import('@helmts/repo')) as Record<string, unknown>;
    update =
      typeof repo.updateDependencies === 'function' ? (repo.updateDependencies as UpdateDependencies) : undefined;
  } catch {
    update = undefined;
  }
  if (update === undefined) {
    throw new HelmtsError('--dependency-update is not yet supported: the repository library has no dependency update', {
      hint: 'Put the dependencies into charts/ yourself, then package without --dependency-update.',
    });
  }
  await update(chartDir, { home, log });
}
