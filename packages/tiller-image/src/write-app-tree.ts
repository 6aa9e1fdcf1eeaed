/** The application layer written out as a directory tree (for the Dockerfile, which COPYs it). */
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

import { layerPath } from '@helmts/oci-image';

import { APP_DIR, appLayer, appPackages } from './app-layer.js';

export async function writeAppTree(targetRoot: string, repoRoot: string): Promise<number> {
  const entries = await appLayer(appPackages(join(repoRoot, 'packages', 'tiller'), repoRoot));
  for (const e of entries) {
    const path = join(targetRoot, layerPath(e.path).slice(layerPath(APP_DIR).length));
    if (e.type === 'directory') await mkdir(path, { recursive: true, mode: e.mode });
    else {
      await mkdir(dirname(path), { recursive: true });
      if (e.type === 'symlink') await symlink(e.target, path);
      else await writeFile(path, e.data, { mode: e.mode });
    }
  }
  return entries.length;
}
