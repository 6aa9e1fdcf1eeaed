import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_CHART_SIZE_LIMITS, SizeBudget, type ChartSizeLimits } from './limits.js';
import { readChartArchive } from './read-chart-archive.js';

/**
 * Unpacks a chart archive into `destDir/<top folder>` (Helm's `fetch --untar`) and returns that
 * folder. The whole archive is read and checked before anything is written, so a hostile archive
 * leaves nothing behind; files keep their bytes and permission bits (without setuid/setgid/sticky).
 */
export function expandChartArchive(
  archive: Uint8Array,
  destDir: string,
  limits: Partial<ChartSizeLimits> = {},
): string {
  const { topFolder, files } = readChartArchive(archive, new SizeBudget({ ...DEFAULT_CHART_SIZE_LIMITS, ...limits }));
  const top = join(resolve(destDir), topFolder);
  for (const file of files) {
    const target = join(top, ...file.name.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.data, { mode: file.mode & 0o777 || 0o644 });
  }
  return top;
}
