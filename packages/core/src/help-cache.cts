/**
 * Help text, kept once oclif has rendered it. `helmts list --help` otherwise loads oclif, reads
 * every plugin's manifest and lays the text out on each run (about a third of its time,
 * bench/startup), although the text changes only when a plugin, the terminal or the environment
 * does. The first run renders it with oclif and stores it beside what it depended on: the
 * arguments, the working directory, the environment, the terminal (TTY, columns), and the size
 * and change time of every loaded plugin's package.json and oclif.manifest.json (or the one helmts
 * cached for it, plugin-manifest-cache.cts) and of the data
 * directory's package.json (where installed plugins are listed). A later run whose inputs all
 * match prints the stored text before oclif loads. Only help that oclif's Help class rendered,
 * with nothing on stderr, is kept; any problem with the cache means rendering as usual.
 * HELMTS_DISABLE_HELP_CACHE=1 turns it off.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Entries kept; the oldest go when there are more (each working directory makes its own). */
const MAX_ENTRIES = 200;

/** Variables a shell changes between commands that no help text reads. */
const VOLATILE_ENV = new Set(['_', 'OLDPWD', 'SHLVL']);

type FileStamp = [path: string, mtimeMs: number, size: number] | [path: string, absent: null];

interface HelpEntry {
  key: string;
  files: FileStamp[];
  text: string;
}

/** What oclif's run() hands to its Help class: `--help`/`-h` before any `--`, `help ...`, or nothing. */
export function isHelpRequest(argv: readonly string[]): boolean {
  if (argv.length === 0 || argv[0] === 'help') return true;
  for (const arg of argv) {
    if (arg === '--') return false;
    if (arg === '--help' || arg === '-h') return true;
  }
  return false;
}

function helpKey(argv: readonly string[]): string {
  const env = Object.entries(process.env)
    .filter(([name]) => !VOLATILE_ENV.has(name))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify({
    argv,
    cwd: process.cwd(),
    tty: process.stdout.isTTY === true,
    columns: process.stdout.columns ?? null,
    env,
  });
}

/** FNV-1a, to name the entry's file; the entry holds its whole key, which is what is compared. */
function fileName(key: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return `${(hash >>> 0).toString(16).padStart(8, '0')}.json`;
}

function stamp(path: string): FileStamp {
  try {
    const info = statSync(path);
    return [path, info.mtimeMs, info.size];
  } catch {
    return [path, null];
  }
}

function sameStamp(recorded: FileStamp): boolean {
  const now = stamp(recorded[0]);
  return now[1] === recorded[1] && (now[1] === null || now[2] === recorded[2]);
}

/** Prints the stored help for these arguments if every input still matches; says whether it did. */
export function printCachedHelp(directory: string, argv: readonly string[]): boolean {
  if (process.env.HELMTS_DISABLE_HELP_CACHE === '1') return false;
  try {
    const key = helpKey(argv);
    const entry = JSON.parse(readFileSync(join(directory, fileName(key)), 'utf8')) as HelpEntry;
    if (entry.key !== key || !entry.files.every(sameStamp)) return false;
    process.stdout.write(entry.text);
    return true;
  } catch {
    return false;
  }
}

/** The parts of oclif's Config the recorder reads. */
interface LoadedConfig {
  dataDir: string;
  plugins: Map<string, { root: string; type: string }>;
}

interface HelpClass {
  prototype: { showHelp(argv: string[]): Promise<void> };
}

export interface HelpRecorder {
  /** After a command that succeeded: stores the help it printed, if it was oclif's help. */
  store(config: LoadedConfig | undefined, extraFiles?: readonly string[]): void;
}

/**
 * Starts recording what this run prints as help: stdout is copied, a write to stderr or a help
 * that did not come from `Help.showHelp` (a Helm plugin's own help, an unknown command) is not kept.
 */
export function recordHelp(directory: string, argv: readonly string[], help: HelpClass): HelpRecorder {
  const key = helpKey(argv);
  const chunks: string[] = [];
  let clean = true;
  let rendered = false;
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  process.stdout.write = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString('utf8'));
    return (stdoutWrite as (...args: unknown[]) => boolean).call(process.stdout, chunk, ...rest);
  } as typeof process.stdout.write;
  process.stderr.write = function (this: unknown, ...args: unknown[]) {
    clean = false;
    return (stderrWrite as (...args: unknown[]) => boolean).apply(process.stderr, args);
  } as typeof process.stderr.write;
  const showHelp = help.prototype.showHelp;
  help.prototype.showHelp = async function (this: unknown, args: string[]) {
    await showHelp.call(this, args);
    rendered = true;
  };
  return {
    store(config, extraFiles = []) {
      process.stdout.write = stdoutWrite;
      process.stderr.write = stderrWrite;
      help.prototype.showHelp = showHelp;
      if (!rendered || !clean || config === undefined || process.env.HELMTS_DISABLE_HELP_CACHE === '1') return;
      try {
        const files: FileStamp[] = [stamp(join(config.dataDir, 'package.json')), ...extraFiles.map(stamp)];
        for (const plugin of config.plugins.values()) {
          // a linked checkout changes under oclif's feet: its help is not kept
          if (plugin.type === 'link') return;
          const manifest = stamp(join(plugin.root, 'oclif.manifest.json'));
          // else oclif reads the manifest helmts cached for it (plugin-manifest-cache.cts), if any
          const cached = manifest[1] === null ? stamp(join(plugin.root, '.oclif.manifest.json')) : undefined;
          // without either, oclif reads the commands themselves: more than is stamped here
          if (cached !== undefined && cached[1] === null) return;
          files.push(stamp(join(plugin.root, 'package.json')), manifest, ...(cached ? [cached] : []));
        }
        const entry: HelpEntry = { key, files, text: chunks.join('') };
        mkdirSync(directory, { recursive: true });
        const path = join(directory, fileName(key));
        const temporary = `${path}.${process.pid}.tmp`;
        writeFileSync(temporary, JSON.stringify(entry));
        renameSync(temporary, path);
        pruneEntries(directory);
      } catch {
        // a cache that cannot be written only means rendering again next time
      }
    },
  };
}

function pruneEntries(directory: string): void {
  const names = readdirSync(directory).filter((name) => name.endsWith('.json'));
  if (names.length <= MAX_ENTRIES) return;
  const byAge = names
    .map((name) => ({ name, mtime: statSync(join(directory, name)).mtimeMs }))
    .sort((a, b) => a.mtime - b.mtime);
  for (const { name } of byAge.slice(0, names.length - MAX_ENTRIES)) rmSync(join(directory, name), { force: true });
}
