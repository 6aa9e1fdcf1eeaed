import { mkdir, open, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';

import { RepoError } from './errors.js';
import { parseMappingDocumentFast, UNSUPPORTED } from './index-file/version-entry-fast-path.js';

/** One configured repository, with Helm 2's field names (a Helm 2 repositories.yaml works as is). */
export interface RepositoryEntry {
  name: string;
  url: string;
  /** The cached index; relative paths are taken relative to the cache directory. */
  cache: string;
  username?: string;
  password?: string;
  certFile?: string;
  keyFile?: string;
  caFile?: string;
  /** Helm 3's field name; Helm 2 ignores it. */
  insecure_skip_tls_verify?: boolean;
}

export class RepositoriesFile {
  apiVersion = 'v1';
  generated = '0001-01-01T00:00:00Z';
  repositories: RepositoryEntry[] = [];

  constructor(readonly path: string) {}

  /** Reads the file; a missing file is an empty list. Legacy `name: url` maps are converted. */
  static async load(path: string): Promise<RepositoriesFile> {
    const file = new RepositoriesFile(path);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return file;
      throw error;
    }
    // The files Helm and helmts write are read without the YAML library (loading it costs
    // more than search itself); anything else is read by it, with the same result.
    let doc: unknown = parseMappingDocumentFast(text);
    try {
      if (doc === UNSUPPORTED) doc = (await import('./yaml/parse-failsafe-yaml.js')).parseFailsafeYaml(text);
    } catch (error) {
      throw new RepoError(`cannot parse ${path}: ${(error as Error).message.split('\n')[0]}`, {
        hint: 'fix or remove the file, then add the repositories again',
      });
    }
    if (!doc || typeof doc !== 'object') return file;
    const data = doc as Record<string, unknown>;
    if (!data.apiVersion) {
      // Helm's oldest format: a plain map of name → URL.
      for (const [name, url] of Object.entries(data)) {
        if (typeof url === 'string') file.repositories.push({ name, url, cache: `${name}-index.yaml` });
      }
      return file;
    }
    file.apiVersion = String(data.apiVersion);
    if (typeof data.generated === 'string') file.generated = data.generated;
    for (const raw of Array.isArray(data.repositories) ? data.repositories : []) {
      if (!raw || typeof raw !== 'object') continue;
      const r = raw as Record<string, string | null>;
      if (!r.name || !r.url) continue;
      const entry: RepositoryEntry = { name: r.name, url: r.url, cache: r.cache || `${r.name}-index.yaml` };
      for (const key of ['username', 'password', 'certFile', 'keyFile', 'caFile'] as const)
        if (r[key]) entry[key] = r[key]!;
      if (r.insecure_skip_tls_verify === 'true') entry.insecure_skip_tls_verify = true;
      file.repositories.push(entry);
    }
    return file;
  }

  get(name: string): RepositoryEntry | undefined {
    return this.repositories.find((r) => r.name === name);
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** Adds the entry, or replaces the one of the same name. */
  update(entry: RepositoryEntry): void {
    const at = this.repositories.findIndex((r) => r.name === entry.name);
    if (at === -1) this.repositories.push(entry);
    else this.repositories[at] = entry;
  }

  remove(name: string): boolean {
    const before = this.repositories.length;
    this.repositories = this.repositories.filter((r) => r.name !== name);
    return this.repositories.length !== before;
  }

  /** Writes Helm 2's layout (keys sorted, every string field present) via a temp file and rename. */
  async write(): Promise<void> {
    const repositories = this.repositories.map((r) => {
      const out: Record<string, unknown> = {
        caFile: r.caFile ?? '',
        cache: r.cache,
        certFile: r.certFile ?? '',
        keyFile: r.keyFile ?? '',
        name: r.name,
        password: r.password ?? '',
        url: r.url,
        username: r.username ?? '',
      };
      if (r.insecure_skip_tls_verify) out.insecure_skip_tls_verify = true;
      return out;
    });
    // Loaded here: search and resolution read this file but never write it.
    const [{ formatGoTime }, { stringify }] = await Promise.all([import('./index-file/go-time.js'), import('yaml')]);
    this.generated = formatGoTime(new Date());
    const text = stringify(
      { apiVersion: this.apiVersion, generated: this.generated, repositories },
      { sortMapEntries: true, indentSeq: false, lineWidth: 0 },
    );
    await mkdir(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, text, { mode: 0o644 });
    await rename(temp, this.path);
  }
}

/** The cached index path of an entry: absolute as stored, or relative to `cacheDir`. */
export function cachePathOf(entry: RepositoryEntry, cacheDir: string): string {
  return isAbsolute(entry.cache) ? entry.cache : join(cacheDir, entry.cache);
}

/**
 * Runs `work` holding `<repositories.yaml dir>/repositories.lock` (as Helm does while rewriting
 * the file), so two `repo add` at once do not lose each other's entry. A lock older than
 * `staleMs` is taken over: its holder died.
 */
export async function withRepositoriesLock<T>(
  repositoriesPath: string,
  work: () => Promise<T>,
  timeoutMs = 30_000,
  staleMs = 60_000,
): Promise<T> {
  const lockPath = join(dirname(repositoriesPath), 'repositories.lock');
  await mkdir(dirname(lockPath), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const age = await stat(lockPath).then(
        (s) => Date.now() - s.mtimeMs,
        () => 0,
      );
      if (age > staleMs) {
        await rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline)
        throw new RepoError(`timed out waiting for ${lockPath}`, {
          hint: 'another helmts is changing the repositories; if none is, delete the lock file',
        });
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}
