import { readdir, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';

import { goPathError } from '@helmts/chart';
import { HelmtsError, NotFoundError } from '@helmts/core';
import { parse as parseYaml, stringify as toYamlText } from 'yaml';

import type { ScaffoldChoices } from './choices.js';
import { CHART_NAME_PLACEHOLDER } from './scaffold-files.js';

/** A starter given as a name lives in HELMTS_HOME/starters; a path (absolute or with a slash) is used as is. */
export function resolveStarterPath(starter: string, startersDir: string): string {
  if (isAbsolute(starter) || starter.includes('/') || starter.startsWith('.')) return starter;
  return join(startersDir, starter);
}

async function listFiles(root: string, dir = root): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    const info = await stat(full);
    if (info.isDirectory()) found.push(...(await listFiles(root, full)));
    else if (info.isFile()) found.push(relative(root, full).split(sep).join('/'));
  }
  return found.sort();
}

/**
 * The files of a chart made from a starter, renamed as Helm 2 renames it: Chart.yaml is replaced
 * by new metadata (name, description, version 0.1.0, appVersion; the starter's apiVersion and
 * engine are kept so a liquid starter stays liquid), and `<CHARTNAME>` is replaced by the new
 * name in templates and values.yaml. Hidden files under templates/ are skipped as the loader does.
 */
export async function starterFiles(
  starterDir: string,
  chartName: string,
  choices: Pick<ScaffoldChoices, 'appVersion' | 'description'>,
): Promise<Map<string, string | Buffer>> {
  // Helm 2's words (CreateFrom: "could not load DIR: ...") for a starter that is not there or has no Chart.yaml
  try {
    await stat(starterDir);
  } catch (error) {
    throw new HelmtsError(`could not load ${starterDir}: ${goPathError('stat', starterDir, error)}`, { cause: error });
  }
  let text: string;
  try {
    text = await readFile(join(starterDir, 'Chart.yaml'), 'utf8');
  } catch (error) {
    throw new HelmtsError(
      `could not load ${starterDir}: no Chart.yaml exists in directory ${JSON.stringify(starterDir)}`,
      {
        cause: error,
      },
    );
  }
  let starterMetadata: Record<string, unknown>;
  try {
    starterMetadata = (parseYaml(text) ?? {}) as Record<string, unknown>;
  } catch (error) {
    throw new NotFoundError(`starter ${starterDir} is not a chart: no readable Chart.yaml`, {
      hint: 'Put starter charts in HELMTS_HOME/starters/<name>, or pass a path to a chart directory.',
      cause: error,
    });
  }
  const metadata: Record<string, unknown> = {
    apiVersion: starterMetadata.apiVersion ?? 'v1',
    appVersion: choices.appVersion,
    description: choices.description,
    name: chartName,
    version: '0.1.0',
  };
  if (typeof starterMetadata.engine === 'string' && starterMetadata.engine !== '' && starterMetadata.engine !== 'gotpl')
    metadata.engine = starterMetadata.engine;
  if (typeof starterMetadata.type === 'string' && metadata.apiVersion === 'v2') metadata.type = starterMetadata.type;
  const sorted = Object.fromEntries(Object.entries(metadata).sort(([a], [b]) => (a < b ? -1 : 1)));
  const files = new Map<string, string | Buffer>([
    ['Chart.yaml', toYamlText(sorted, { lineWidth: 0, defaultStringType: 'PLAIN' })],
  ]);
  for (const path of await listFiles(starterDir)) {
    if (path === 'Chart.yaml') continue;
    if (/^templates\/(.*\/)?\.[^/]+$/.test(path)) continue;
    const data = await readFile(join(starterDir, ...path.split('/')));
    const renames = path === 'values.yaml' || path.startsWith('templates/');
    files.set(path, renames ? data.toString('utf8').replaceAll(CHART_NAME_PLACEHOLDER, chartName) : data);
  }
  return files;
}
