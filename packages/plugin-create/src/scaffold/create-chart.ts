import { basename, resolve } from 'node:path';

import { assertConsistentChoices, validateChartName, type ScaffoldChoices } from './choices.js';
import { HELM2_METADATA, helm2ScaffoldFiles } from './helm2-scaffold.js';
import { scaffoldFiles } from './scaffold-files.js';
import { starterFiles } from './starter.js';
import { assertWritableTarget, writeChartFiles } from './write-chart.js';

export interface CreateChartRequest {
  /** The chart's directory; its last path element is the chart's name (as with `helm create`). */
  path: string;
  /** The answers for today's Helm scaffold (`--scaffold modern`); absent: Helm 2.17's `helm create` chart. */
  choices?: ScaffoldChoices;
  /** A starter chart directory to copy instead of the built-in scaffold. */
  starterDir?: string;
  force?: boolean;
}

export interface CreatedChart {
  name: string;
  dir: string;
  files: string[];
}

/** Writes a new chart: Helm 2.17's scaffold, today's scaffold for `choices`, or a renamed copy of a starter. */
export async function createChart(request: CreateChartRequest): Promise<CreatedChart> {
  const dir = resolve(request.path);
  const name = basename(dir);
  validateChartName(name);
  const { choices } = request;
  if (choices !== undefined) assertConsistentChoices(choices);
  await assertWritableTarget(dir, request.force ?? false);
  let files: Map<string, string | Buffer>;
  if (request.starterDir !== undefined) files = await starterFiles(request.starterDir, name, choices ?? HELM2_METADATA);
  else files = choices === undefined ? helm2ScaffoldFiles(name) : scaffoldFiles(name, choices);
  await writeChartFiles(dir, files);
  return { name, dir, files: [...files.keys()] };
}
