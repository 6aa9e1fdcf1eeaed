/**
 * A V8 code cache for the CommonJS modules the CLI loads (chiefly the bundled oclif), so each run
 * after the first skips compiling them. Node 22 has this built in (`module.enableCompileCache`,
 * which also covers ES modules) and is used when present; on Node 20 this installs the same idea
 * for CommonJS.
 *
 * The cache holds one file per module, in a folder per Node version and architecture; a module's
 * entry is read when the module loads and written (temp file + rename) at exit when it was compiled
 * afresh. Entries are keyed by file name and the file's stamp (inode, size, modification and
 * change times), so an upgraded or rebuilt package never runs stale code. Any problem with the cache (unwritable directory,
 * a truncated or foreign file, a rejected entry) only means compiling normally.
 * Runs that write also prune (`pruneCache`), so the cache does not grow with every checkout.
 *
 * V8 compiles most functions lazily, when first called, and an entry written at exit holds the
 * functions that run used. So that a command's functions are in the cache too when it was not the
 * first to run (help rendered after `plugins install` wrote the entry: ~2 ms of every `--help`), an
 * entry lists the kinds of run it has seen (`setCompileCacheRunKind`) and is written again, with
 * what the cache held plus what this run compiled, the first time a new kind runs; at most
 * MAX_RUN_KINDS times, so an entry settles. Compiling everything eagerly instead makes an entry three
 * times larger and every start slower than one that holds only what is used. A run that fails (exit
 * code not 0: no Tiller to reach, a typo in a flag) compiled only its error path, so the entry marks
 * its kind `partial`, and the next run of that kind that succeeds writes the entry again.
 *
 * A large module loaded once a command runs (a plugin's bundle: `setCompileCacheRunKind` was called)
 * has an entry per command instead, holding what that command used: `list` reads 340 KB of V8's data
 * for plugin-release's bundle rather than the 770 KB every release command's functions add up to
 * (1-3 % of its time, 1.5 MiB of its memory, in three A/Bs against a running Tiller). Each command
 * compiles afresh once.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import Module from 'node:module';
import { basename, dirname, join } from 'node:path';
import vm from 'node:vm';

import { helmtsCacheDirectory } from './cache-directory.cjs';

/**
 * Whether the source has `import(` as an expression (`import` not preceded by a name character, a
 * dot or a quote; whitespace allowed before the parenthesis): scripts compiled from a code cache
 * cannot run it on Node 20. Jumps from one "import" to the next, which on a megabyte of bundle is
 * several times faster than the equivalent lookbehind regular expression.
 */
export function hasDynamicImport(source: string): boolean {
  for (let at = source.indexOf('import'); at !== -1; at = source.indexOf('import', at + 6)) {
    if (at > 0 && /[\w$.'"`]/.test(source[at - 1])) continue;
    let next = at + 6;
    while (next < source.length && /\s/.test(source[next])) next++;
    if (source[next] === '(') return true;
  }
  return false;
}

export interface CompileCacheStatus {
  /** `builtin` on Node >= 22.1, `cjs` for this module's hook, `off` when disabled or failed. */
  kind: 'builtin' | 'cjs' | 'off';
  directory?: string;
  /** With `cjs`: modules compiled from the cache, and compiled afresh, so far in this process. */
  hits: number;
  misses: number;
}

type ModuleWithCompile = Module & {
  _compile(content: string, filename: string): unknown;
  require(id: string): unknown;
};

interface ModuleInternals {
  wrap(source: string): string;
  _resolveFilename(request: string, parent: Module, isMain: boolean, options?: { paths?: string[] }): string;
  _cache: Record<string, Module>;
  _extensions: Record<string, unknown>;
  enableCompileCache?: (directory?: string) => { status: number; directory?: string };
}

let status: CompileCacheStatus | undefined;

/** How many kinds of run an entry is rewritten for (then it stays as it is until its file changes). */
const MAX_RUN_KINDS = 16;
/** From this size on, a module that a command loads has an entry per command (see the top). */
const ENTRY_PER_COMMAND_CHARS = 100_000;
let runKind = 'default';

/**
 * Names what this process runs (for the CLI, the command's id; help and the like keep `default`),
 * so that cache entries read by it take in the functions it compiled if no run of this kind has
 * been seen before. Set before exit.
 */
export function setCompileCacheRunKind(kind: string): void {
  runKind = kind;
}

/**
 * What identifies one version of a module file: its inode, size and modification and change times
 * (nanoseconds), and the source's length. The change time cannot be set from user space, so any
 * rewrite or replacement of the file gives a new stamp; comparing this costs one stat, where
 * hashing the sources (and loading node:crypto to do it) cost ~3 ms of every start.
 */
function stampOf(filename: string, source: string): string | undefined {
  try {
    const s = statSync(filename, { bigint: true });
    return `${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}:${source.length}`;
  } catch {
    return undefined;
  }
}

/** FNV-1a of the file name: the cache file's name (the header holds the full name). */
function nameHash(filename: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < filename.length; i++) hash = Math.imul(hash ^ filename.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * One cache file per module, `<base name>-<hash of the path>.bin`, holding a 4-byte header length,
 * a JSON header naming the file and its stamp, then V8's data. One file per module means a run
 * reads only what it loads and rewrites only what it compiled afresh.
 */
function entryPath(directory: string, filename: string): string {
  return join(
    directory,
    `${basename(filename)
      .replace(/[^\w.-]/g, '_')
      .slice(0, 40)}-${nameHash(filename)}.bin`,
  );
}

interface Entry {
  data: Buffer;
  /** The kinds of run the data was written after. */
  runs: string[];
  /** Those of them whose run failed, so the data may lack what a successful run compiles. */
  partial: string[];
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function readEntry(path: string, filename: string, stamp: string): Entry | undefined {
  try {
    const data = readFileSync(path);
    const headerLength = data.readUInt32LE(0);
    const header = JSON.parse(data.subarray(4, 4 + headerLength).toString('utf8')) as {
      file?: string;
      stamp?: string;
      runs?: unknown;
      partial?: unknown;
    };
    if (header.file !== filename || header.stamp !== stamp) return undefined;
    return { data: data.subarray(4 + headerLength), runs: strings(header.runs), partial: strings(header.partial) };
  } catch {
    return undefined;
  }
}

/**
 * mkdir -p without `{recursive: true}`, which on Node 20 loops forever under /proc (a cache
 * directory pointed somewhere odd must not hang the CLI at exit).
 */
function makeDirectory(path: string, depth = 0): boolean {
  try {
    mkdirSync(path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return true;
    if (code !== 'ENOENT' || depth > 32 || dirname(path) === path) return false;
    return makeDirectory(dirname(path), depth + 1) && makeDirectory(path, depth + 1);
  }
}

function writeEntry(
  path: string,
  filename: string,
  stamp: string,
  runs: string[],
  partial: string[],
  cachedData: Buffer,
): void {
  const header = Buffer.from(
    JSON.stringify(partial.length > 0 ? { file: filename, stamp, runs, partial } : { file: filename, stamp, runs }),
    'utf8',
  );
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length);
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, Buffer.concat([length, header, cachedData]));
    renameSync(temp, path);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {
      // nothing was written
    }
  }
}

/** The module file an entry was written for, from its header alone (not the V8 data after it). */
function entryFile(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(4096);
    const read = readSync(fd, head, 0, head.length, 0);
    const headerLength = head.readUInt32LE(0);
    if (4 + headerLength > read) return undefined;
    const header = JSON.parse(head.subarray(4, 4 + headerLength).toString('utf8')) as { file?: unknown };
    return typeof header.file === 'string' ? header.file : undefined;
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** How long a folder of another Node version (or a temp file a killed run left) is kept unused. */
const UNUSED_FOR_MS = 30 * 24 * 3600 * 1000;
const TEMP_LEFT_FOR_MS = 3600 * 1000;

/**
 * Keeps the cache from growing without bound, when a run writes to it anyway (so a run that only
 * reads pays nothing): an entry whose module file is gone (a removed checkout, a plugin that was
 * uninstalled, an npx copy that was cleaned) is removed, as is a temp file a killed run left, and the
 * folder of another Node version or architecture once nothing has been written to it for 30 days
 * (after upgrading Node, the old version's folder is dead weight; one still in use is only compiled
 * afresh once).
 */
function pruneCache(directory: string, folder: string, keep: Set<string>): void {
  const now = Date.now();
  const names = (dir: string): string[] => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  // Each removal on its own: another run may have tidied the same file first.
  const tidy = (remove: () => void): void => {
    try {
      remove();
    } catch {
      // gone already, or not ours to remove: nothing is lost
    }
  };
  for (const name of names(folder)) {
    const path = join(folder, name);
    if (keep.has(path)) continue;
    if (name.endsWith('.tmp')) {
      tidy(() => {
        if (now - statSync(path).mtimeMs > TEMP_LEFT_FOR_MS) rmSync(path, { force: true });
      });
    } else if (name.endsWith('.bin')) {
      const file = entryFile(path);
      if (file !== undefined && !existsSync(file)) tidy(() => rmSync(path, { force: true }));
    }
  }
  for (const name of names(directory)) {
    const path = join(directory, name);
    if (!name.startsWith('cjs-') || path === folder) continue;
    tidy(() => {
      if (now - statSync(path).mtimeMs > UNUSED_FOR_MS) rmSync(path, { recursive: true, force: true });
    });
  }
}

/** `compile-cache` in oclif's cache directory for helmts (cache-directory.cts). */
export function defaultCompileCacheDirectory(): string {
  return join(helmtsCacheDirectory(), 'compile-cache');
}

/**
 * Turns the cache on for this process (once; later calls return the first result).
 * `HELMTS_DISABLE_COMPILE_CACHE=1` turns it off.
 */
export function enableCompileCache(directory = defaultCompileCacheDirectory()): CompileCacheStatus {
  if (status) return status;
  if (process.env.HELMTS_DISABLE_COMPILE_CACHE) return (status = { kind: 'off', hits: 0, misses: 0 });
  const internals = Module as unknown as ModuleInternals;
  if (typeof internals.enableCompileCache === 'function') {
    try {
      const result = internals.enableCompileCache(directory);
      return (status = { kind: result.directory ? 'builtin' : 'off', directory: result.directory, hits: 0, misses: 0 });
    } catch {
      return (status = { kind: 'off', hits: 0, misses: 0 });
    }
  }

  const counts = (status = { kind: 'cjs', directory, hits: 0, misses: 0 });
  // V8's data is only valid for the same V8 build and flags; V8 itself rejects a mismatch.
  const folder = join(directory, `cjs-${process.version}-${process.arch}`);
  // Modules compiled afresh (runs: none) or from an entry (runs: the kinds it has seen).
  const compiled: {
    path: string;
    filename: string;
    stamp: string;
    runs: string[];
    partial: string[];
    script: vm.Script;
  }[] = [];
  const prototype = Module.prototype as ModuleWithCompile;
  const compile = prototype._compile;
  prototype._compile = function (this: ModuleWithCompile, content: string, filename: string) {
    const stamp = stampOf(filename, content);
    if (stamp === undefined) return compile.call(this, content, filename);
    // a large module loaded by a command: an entry of its own for each command (see the top)
    const kind = content.length >= ENTRY_PER_COMMAND_CHARS && runKind !== 'default' ? runKind : undefined;
    const path = entryPath(folder, kind ? `${filename}\n${kind}` : filename);
    const entry = readEntry(path, filename, stamp);
    // An entry is only ever written for a source without import(), and the stamp says it is this
    // very source: the scan (~4 ms on the megabyte plugin bundles) is needed only on a miss.
    if (!entry && hasDynamicImport(content)) return compile.call(this, content, filename);
    let script: vm.Script;
    try {
      script = new vm.Script(internals.wrap(content), { filename, cachedData: entry?.data });
    } catch {
      // A syntax error: let Node report it its usual way.
      return compile.call(this, content, filename);
    }
    if (!entry || script.cachedDataRejected) {
      compiled.push({ path, filename, stamp, runs: [], partial: [], script });
      counts.misses++;
    } else {
      // The run's kind is not known yet (the command sets it later): keep what may be written at exit.
      if (entry.runs.length < MAX_RUN_KINDS || entry.partial.length > 0) {
        compiled.push({ path, filename, stamp, runs: entry.runs, partial: entry.partial, script });
      }
      counts.hits++;
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    const moduleRequire = Object.assign((id: string) => this.require(id), {
      resolve: (request: string, options?: { paths?: string[] }) =>
        internals._resolveFilename(request, this, false, options),
      main: require.main,
      cache: internals._cache,
      extensions: internals._extensions,
    });
    return wrapper.call(this.exports, this.exports, moduleRequire, this, filename, dirname(filename));
  };
  process.once('exit', (code) => {
    const failed = (code || Number(process.exitCode ?? 0)) !== 0;
    const writes = compiled.filter((entry) =>
      entry.runs.includes(runKind) ? !failed && entry.partial.includes(runKind) : entry.runs.length < MAX_RUN_KINDS,
    );
    if (writes.length === 0) return;
    if (!makeDirectory(folder)) return;
    // After the run, so the data also holds the functions compiled lazily while it ran.
    for (const entry of writes) {
      const runs = [...entry.runs.filter((run) => run !== runKind), runKind];
      const partial = entry.partial.filter((run) => run !== runKind);
      if (failed) partial.push(runKind);
      writeEntry(entry.path, entry.filename, entry.stamp, runs, partial, entry.script.createCachedData());
    }
    pruneCache(directory, folder, new Set(compiled.map((entry) => entry.path)));
  });
  return counts;
}
