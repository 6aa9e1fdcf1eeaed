import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { metadataAsJson, readChartArchiveMetadata } from '@helmts/chart';

import { joinUrl } from '../http/url.js';
import type { ChartVersion } from './chart-version.js';
import { formatGoTime } from './go-time.js';
import { IndexFile } from './index-file.js';

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** `DIR/*.tgz` and `DIR/*\/*.tgz`, as paths relative to DIR with `/` separators, sorted. */
async function findArchives(dir: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isFile() && entry.name.endsWith('.tgz')) found.push(entry.name);
    else if (entry.isDirectory()) {
      for (const sub of await readdir(join(dir, entry.name), { withFileTypes: true })) {
        if (sub.isFile() && sub.name.endsWith('.tgz')) found.push(`${entry.name}/${sub.name}`);
      }
    }
  }
  return found.sort();
}

export interface IndexDirectoryOptions {
  /** Base URL of the repository; empty gives relative URLs. */
  url?: string;
  /** An existing index whose entries are kept unless DIR has the same name+version. */
  merge?: string;
  /** Called for archives that could not be read (Helm skips them silently). */
  onSkip?: (file: string, reason: string) => void;
}

/** Builds the index of the chart archives in `dir` (what `repo index DIR` writes to DIR/index.yaml). */
export async function indexDirectory(dir: string, options: IndexDirectoryOptions = {}): Promise<IndexFile> {
  const index = new IndexFile();
  for (const file of await findArchives(dir)) {
    const full = join(dir, ...file.split('/'));
    let metadata;
    try {
      metadata = readChartArchiveMetadata(await readFile(full));
    } catch (error) {
      options.onSkip?.(file, (error as Error).message);
      continue;
    }
    const entry: ChartVersion = {
      ...(metadataAsJson(metadata) as { name: string; version: string }),
      urls: [options.url ? joinUrl(options.url, file) : file],
      created: formatGoTime(new Date()),
      digest: await sha256File(full),
    };
    index.add(metadata.name, entry);
  }
  if (options.merge) {
    const exists = await access(options.merge).then(
      () => true,
      () => false,
    );
    if (exists) index.merge(await IndexFile.load(options.merge));
  }
  index.generated = formatGoTime(new Date());
  index.sortEntries();
  return index;
}
