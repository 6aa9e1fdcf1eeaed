import { basename, resolve } from 'node:path';

import { assertConsistentChoices, validateChartName, type ScaffoldChoices } from './choices.js';
import { scaffoldFiles } from './scaffold-files.js';
import { starterFiles } from './starter.js';
import { assertWritableTarget, writeChartFiles } from './write-chart.js';

export interface CreateChartRequest {
  /** The chart's directory; its last path element is the chart's name (as with `helm create`). */
  path: string;
  choices: ScaffoldChoices;
  /** A starter chart directory to copy instead of the built-in scaffold. */
  starterDir?: string;
  force?: boolean;
}

export interface CreatedChart {
  name: string;
  dir: string;
  files: string[];
}

/** Writes a new chart: the scaffold for `choices`, or a renamed copy of a starter. */
export async function createChart(request: CreateChartRequest): Promise<CreatedChart> {
  const dir = resolve(request.path);
  const name = basename(dir);
  validateChartName(name);
  assertConsistentChoices(request.choices);
  await assertWritableTarget(dir, request.force ?? false);
  const files =
    request.starterDir === undefined
      ? scaffoldFiles(name, request.choices)
      : await starterFiles(request.starterDir, name, request.choices);
  await writeChartFiles(dir, files);
  return { name, dir, files: [...files.keys()] };
}
