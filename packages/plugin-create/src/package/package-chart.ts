import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

import {
  checkDependencies,
  isValidSemver,
  loadChartDirectory,
  MissingDependenciesError,
  saveChartArchive,
} from '@helmts/chart';
import { HelmtsError } from '@helmts/core';

export interface PackageRequest {
  /** The chart directory. */
  path: string;
  destination: string;
  /** Replaces the chart's version (must be SemVer 2). */
  version?: string;
  appVersion?: string;
}

/**
 * Packages a chart directory as Helm's `package` does (the directory's name must be the chart's
 * name; declared dependencies must be in charts/) into a deterministic `<name>-<version>.tgz`
 * written by the chart library. Returns the archive's path.
 */
export function packageChart(request: PackageRequest): string {
  // every refusal in Helm 2's words alone, as its package prints them
  const dir = resolve(request.path);
  if (request.version !== undefined && !isValidSemver(request.version)) {
    // Helm 2's words and exit code (its setVersion)
    throw new HelmtsError('Invalid Semantic Version');
  }
  let chart;
  // Helm 2's words for a directory without Chart.yaml (or no directory at all)
  if (!existsSync(join(dir, 'Chart.yaml'))) throw new HelmtsError('chart metadata (Chart.yaml) missing');
  try {
    // Helm 2 loads values.yaml as text and Chart.yaml with its own few rules
    chart = loadChartDirectory(dir, { helm2: true });
  } catch (error) {
    throw new HelmtsError(`${(error as Error).message}`, { cause: error });
  }
  if (request.version !== undefined) chart.metadata.version = request.version;
  if (request.appVersion !== undefined) chart.metadata.appVersion = request.appVersion;
  if (basename(dir) !== chart.metadata.name) {
    throw new HelmtsError(`directory name (${basename(dir)}) and Chart.yaml name (${chart.metadata.name}) must match`);
  }
  try {
    checkDependencies(chart, { helm2: true });
  } catch (error) {
    if (error instanceof MissingDependenciesError) {
      throw new HelmtsError(error.message, { cause: error });
    }
    throw error;
  }
  try {
    return saveChartArchive(chart, resolve(request.destination));
  } catch (error) {
    throw new HelmtsError(`Failed to save: ${(error as Error).message}`, { cause: error });
  }
}
