import { readFileSync } from 'node:fs';
import { goPathError } from '../go-path-error.js';
import { mergeMaps, parseValuesYaml, ValuesParseError } from '../yaml/parse-values-yaml.js';
import { decodeJson, GoJsonError } from './go-json.js';
import { isTable, newTable, type ValuesTable } from './go-map.js';
import { parseSetFileInto, parseSetInto, parseSetJsonInto, parseSetStringInto, SetParseError } from './strvals.js';

/** A values file given in memory (e.g. downloaded, or stdin). */
export interface ValuesFileContent {
  name: string;
  content: string;
}

export interface ValueSources {
  /** `-f/--values`, in order: paths (read with `readFile`) or contents. */
  valueFiles?: Array<string | ValuesFileContent>;
  setJson?: string[];
  set?: string[];
  setString?: string[];
  setFile?: string[];
}

export interface MergeValueSourcesOptions {
  /** Reads `-f` paths and `--set-file` paths; defaults to the local file system. */
  readFile?: (path: string) => string;
  /**
   * Helm 2's reading: a `-f` file's first document only (helm v4 merges all of a file's documents),
   * and its strvals (see SetParseOptions).
   */
  helm2?: boolean;
}

/** A user-values error worded as Helm's CLI words it (`failed parsing --set data: ...`). */
export class ValueSourceError extends Error {
  constructor(
    message: string,
    readonly source: 'values' | 'set' | 'set-string' | 'set-file' | 'set-json',
    override readonly cause?: unknown,
  ) {
    super(message);
    this.name = 'ValueSourceError';
  }

  /** Whether a file could not be read (not a syntax problem in what the user wrote). */
  get unreadable(): boolean {
    for (let e = this.cause; e instanceof Error; e = e.cause)
      if ((e as NodeJS.ErrnoException).code !== undefined) return true;
    return false;
  }
}

/** A file's text; one that cannot be read fails in Go's words (`open x.yaml: no such file or directory`), as Helm's. */
function readFileAsGo(readFile: (path: string) => string, path: string): string {
  try {
    return readFile(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === undefined) throw e;
    throw new Error(goPathError(code === 'EISDIR' ? 'read' : 'open', path, e), { cause: e });
  }
}

/** A `-f` file's text, or its read error as Helm prints it. */
function readValuesFile(readFile: (path: string) => string, path: string): string {
  try {
    return readFileAsGo(readFile, path);
  } catch (e) {
    const cause = (e as Error).cause as NodeJS.ErrnoException | undefined;
    if (cause?.code === undefined) throw e;
    throw new ValueSourceError((e as Error).message, 'values', cause);
  }
}

/**
 * Helm 4's order for user values: `-f` files (deep-merged in order), then every
 * `--set-json`, `--set`, `--set-string`, `--set-file`, each in the order given.
 */
export function mergeValueSources(sources: ValueSources, opts: MergeValueSourcesOptions = {}): ValuesTable {
  const readFile = opts.readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  let base = newTable();
  for (const file of sources.valueFiles ?? []) {
    const name = typeof file === 'string' ? file : file.name;
    const content = typeof file === 'string' ? readValuesFile(readFile, file) : file.content;
    let parsed: ValuesTable;
    try {
      parsed = parseValuesYaml(content, name, { helm2: opts.helm2 });
    } catch (e) {
      if (e instanceof ValuesParseError) {
        const inner = e.message.startsWith(`${name}: `) ? e.message.slice(name.length + 2) : e.message;
        throw new ValueSourceError(`failed to parse ${name}: ${inner}`, 'values', e);
      }
      throw e;
    }
    base = mergeMaps(base, parsed);
  }
  for (const value of sources.setJson ?? []) {
    const trimmed = value.trim();
    if (trimmed.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = decodeJson(trimmed);
      } catch (e) {
        if (e instanceof GoJsonError)
          throw new ValueSourceError(`failed parsing --set-json data JSON: ${value}`, 'set-json', e);
        throw e;
      }
      if (!isTable(parsed)) throw new ValueSourceError(`failed parsing --set-json data JSON: ${value}`, 'set-json');
      base = mergeMaps(base, parsed);
    } else {
      try {
        parseSetJsonInto(value, base);
      } catch (e) {
        if (e instanceof SetParseError)
          throw new ValueSourceError(`failed parsing --set-json data ${value}`, 'set-json', e);
        throw e;
      }
    }
  }
  const strvals: Array<[string[] | undefined, 'set' | 'set-string' | 'set-file', (s: string) => void]> = [
    [sources.set, 'set', (s) => parseSetInto(s, base, opts)],
    [sources.setString, 'set-string', (s) => parseSetStringInto(s, base, opts)],
    [sources.setFile, 'set-file', (s) => parseSetFileInto(s, base, (path) => readFileAsGo(readFile, path), opts)],
  ];
  for (const [list, flag, parse] of strvals) {
    for (const value of list ?? []) {
      try {
        parse(value);
      } catch (e) {
        // Helm's own words (the position SetParseError also knows is not part of them)
        const detail = e instanceof SetParseError ? e.helmMessage : (e as Error).message;
        throw new ValueSourceError(`failed parsing --${flag} data: ${detail}`, flag, e);
      }
    }
  }
  return base;
}
