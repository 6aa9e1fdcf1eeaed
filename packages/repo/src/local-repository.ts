import { copyFile, mkdir, readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';

import { metadataAsJson, readChartArchiveMetadata } from '@helmts/chart';

import { DEFAULT_LOCAL_REPOSITORY_URL } from './default-repositories.js';
import { joinUrl } from './http/url.js';
import { formatGoTime } from './index-file/go-time.js';
import { sha256File } from './index-file/index-directory.js';
import { IndexFile } from './index-file/index-file.js';

/**
 * What `package` does by default (`--save`), as Helm 2: the archive is copied into HELM_HOME's
 * local repository and added to its index.yaml, with Helm 2's URL (what `serve` serves). Unlike
 * Helm 2, a missing index.yaml (a home made with `init --skip-repos`) is created instead of failing
 * after the copy, the digest is the archive's (Helm 2 put the old index file's there), and packaging
 * the same name and version again replaces its entry instead of adding a second one.
 */
export async function addChartToLocalRepository(archive: string, localRepository: string): Promise<void> {
  await mkdir(localRepository, { recursive: true });
  const file = basename(archive);
  const saved = join(localRepository, file);
  if (resolve(archive) !== resolve(saved)) await copyFile(archive, saved);
  const indexPath = join(localRepository, 'index.yaml');
  const exists = await stat(indexPath).then(
    () => true,
    () => false,
  );
  const index = exists ? await IndexFile.load(indexPath) : new IndexFile();
  const metadata = readChartArchiveMetadata(await readFile(saved));
  const entry = {
    ...(metadataAsJson(metadata) as { name: string; version: string }),
    urls: [joinUrl(DEFAULT_LOCAL_REPOSITORY_URL, file)],
    created: formatGoTime(new Date()),
    digest: await sha256File(saved),
  };
  const versions = index.entries.get(entry.name)?.filter((v) => v.version !== entry.version) ?? [];
  index.entries.set(entry.name, [...versions, entry]);
  await index.write(indexPath);
}
