import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { newTable, parseSetFileInto, type ValueSources } from '@helmts/chart';

import type { TransportOptions } from '../http/download.js';
import { canFetch } from '../http/url.js';

export interface FetchValueFilesOptions {
  /** Reads standard input whole (`-` as a path; default process.stdin), once, as Go's io.ReadAll(os.Stdin). */
  readStdin?: () => Promise<string>;
  /** TLS, credentials and scheme getters (downloader plugins) for URLs. */
  transport?: TransportOptions;
  /** Reads a local path; its errors pass through unchanged (the caller words them as Go does). */
  readLocal: (path: string) => string;
  /**
   * Helm 2's readFile: `-` is standard input for `-f` only (a --set-file `-` is a file named so),
   * and an HTTP error status reads `Failed to fetch ...` (helm v4: `failed to fetch ...`).
   */
  helm2?: boolean;
}

type Fetched = { text: string } | { error: unknown };

/**
 * Helm's readFile for `-f` and `--set-file` (Helm 2's and 4's alike): a path that is `-` (spaces
 * around allowed) is standard input, a URL whose scheme has a getter (http, https, a downloader
 * plugin's) is fetched, anything else is a local file. What is not local is read here, before the
 * values are merged, in the order Helm reads it; the returned reader serves those texts to
 * mergeValueSources (whose reading is synchronous) and reads local files with `readLocal`. A fetch
 * that failed fails when its turn comes, so an earlier file's own error still comes first.
 */
export async function fetchValueFiles(
  sources: ValueSources,
  options: FetchValueFilesOptions,
): Promise<(path: string) => string> {
  const paths: string[] = [];
  for (const file of sources.valueFiles ?? []) if (typeof file === 'string') paths.push(file);
  const valueFileCount = paths.length;
  for (const value of sources.setFile ?? []) {
    // the paths a --set-file names, in the order its parse will ask for them (a malformed one
    // fails again, with its own error, when it is parsed for real)
    try {
      parseSetFileInto(value, newTable(), (path) => {
        paths.push(path);
        return '';
      });
    } catch {
      // reported by mergeValueSources
    }
  }
  const isStdin = (path: string, index: number) => path.trim() === '-' && (!options.helm2 || index < valueFileCount);
  const isRemote = (path: string) => path.trim() !== '-' && canFetch(path, options.transport?.getters);
  const fetched = new Map<string, Fetched[]>();
  let stdinRead = false;
  for (const [index, path] of paths.entries()) {
    const stdin = isStdin(path, index);
    if (!stdin && !isRemote(path)) continue;
    let result: Fetched;
    if (stdin) {
      // the first `-` takes all of standard input; a later one reads what is left: nothing
      result = { text: stdinRead ? '' : await (options.readStdin ?? readStandardInput)() };
      stdinRead = true;
    } else {
      result = await fetchText(path, options.transport ?? {}).then(
        (text) => ({ text }),
        (error: unknown) => {
          if (!options.helm2 && error instanceof Error && error.message.startsWith('Failed to fetch '))
            error.message = `f${error.message.slice(1)}`;
          return { error };
        },
      );
    }
    const queue = fetched.get(path) ?? [];
    queue.push(result);
    fetched.set(path, queue);
  }
  return (path: string) => {
    const next = fetched.get(path)?.shift();
    if (next === undefined) return options.readLocal(path);
    if ('error' in next) throw next.error;
    return next.text;
  };
}

async function readStandardInput(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A URL's body as text, through the same downloader as charts (redirects, TLS, Go's error words). */
async function fetchText(url: string, transport: TransportOptions): Promise<string> {
  // the HTTP client loads only when a URL is read: template's start-up does not pay for it
  const { downloadToFile } = await import('../http/download.js');
  const dir = await mkdtemp(join(tmpdir(), 'helmts-values-'));
  try {
    const file = join(dir, 'values');
    await downloadToFile(url, file, transport);
    return await readFile(file, 'utf8');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
