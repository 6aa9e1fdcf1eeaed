import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { HelmtsError } from '@helmts/core';

/**
 * Refuses a target that exists and is not an empty directory, unless `force` (then files are
 * overwritten in place and other files are left alone, as Helm does).
 */
export async function assertWritableTarget(dir: string, force: boolean): Promise<void> {
  // as Helm 2 (and 3): the chart goes into an existing directory, which is not created
  const parent = dirname(dir);
  const parentInfo = await stat(parent).catch(() => undefined);
  if (parentInfo === undefined) throw new HelmtsError(`stat ${parent}: no such file or directory`);
  if (!parentInfo.isDirectory()) throw new HelmtsError(`no such directory ${parent}`);
  let info;
  try {
    info = await stat(dir);
  } catch {
    return;
  }
  if (!info.isDirectory()) {
    throw new HelmtsError(`${dir} exists and is not a directory`, { hint: 'Choose another name or remove the file.' });
  }
  if (force) return;
  const entries = await readdir(dir);
  if (entries.length > 0) {
    throw new HelmtsError(`directory ${dir} already exists and is not empty`, {
      hint: 'Pass --force to write the chart into it anyway (existing files of the same name are overwritten).',
    });
  }
}

/** Writes `files` (chart-relative path → content) under `dir`, plus an empty `charts/`. */
export async function writeChartFiles(dir: string, files: Map<string, string | Buffer>): Promise<void> {
  await mkdir(join(dir, 'charts'), { recursive: true });
  for (const [path, content] of files) {
    const target = join(dir, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
}
