/**
 * `.Files`: Go's `files` type is a map[string][]byte with methods. Here it is a null-prototype
 * object whose enumerable keys are the file paths (so range/len/index/truth/printing treat it as a
 * Go map) and whose methods are non-enumerable function-valued properties.
 */
import { toYaml } from '@helmts/goyaml';
import { compileGlob } from './glob-pattern.js';

export interface ChartFileData {
  name: string;
  data: Uint8Array;
}

export type ChartFiles = Record<string, Uint8Array> & {
  Get(name: string): string;
  GetBytes(name: string): Uint8Array;
  Glob(pattern: string): ChartFiles;
  AsConfig(): string;
  AsSecrets(): string;
  Lines(path: string): string[];
};

// a BOM left in a file is Helm 2's (its loader keeps them, and renders them): text, as in Go
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  if (trimmed === '') return path === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function defineMethod(target: object, name: string, fn: (...args: never[]) => unknown): void {
  Object.defineProperty(target, name, { value: fn, enumerable: false, writable: false, configurable: false });
}

/** Where the dialects' `.Files` differ. */
export interface ChartFilesFlavour {
  /** toYaml for AsConfig/AsSecrets (Helm 2's keeps the final newline) */
  yaml: (value: unknown) => string;
  /** Helm 2's Lines is strings.Split as is (a final newline gives a last ""); Helm 4 drops that newline first */
  linesKeepFinalNewline: boolean;
}

const HELM4_FILES: ChartFilesFlavour = { yaml: toYaml, linesKeepFinalNewline: false };

export function makeChartFiles(
  entries: Iterable<ChartFileData> | Record<string, Uint8Array>,
  flavour: ChartFilesFlavour = HELM4_FILES,
): ChartFiles {
  const { yaml } = flavour;
  const files = Object.create(null) as ChartFiles;
  const list: Iterable<ChartFileData> =
    Symbol.iterator in (entries as object)
      ? (entries as Iterable<ChartFileData>)
      : Object.keys(entries).map((name) => ({ name, data: (entries as Record<string, Uint8Array>)[name] }));
  for (const f of list) files[f.name] = f.data;

  const getBytes = (name: string): Uint8Array =>
    Object.prototype.hasOwnProperty.call(files, name) ? files[name] : new Uint8Array(0);
  defineMethod(files, 'GetBytes', getBytes);
  defineMethod(files, 'Get', (name: string) => utf8.decode(getBytes(name)));
  defineMethod(files, 'Glob', (pattern: string) => {
    const match = compileGlob(pattern);
    const picked: Record<string, Uint8Array> = {};
    for (const name of Object.keys(files)) if (match(name)) picked[name] = files[name];
    return makeChartFiles(picked, flavour);
  });
  defineMethod(files, 'AsConfig', () => {
    const m: Record<string, string> = {};
    for (const name of Object.keys(files)) m[baseName(name)] = utf8.decode(files[name]);
    return yaml(m);
  });
  defineMethod(files, 'AsSecrets', () => {
    const m: Record<string, string> = {};
    for (const name of Object.keys(files)) m[baseName(name)] = Buffer.from(files[name]).toString('base64');
    return yaml(m);
  });
  defineMethod(files, 'Lines', (path: string) => {
    const data = Object.prototype.hasOwnProperty.call(files, path) ? files[path] : undefined;
    if (!data || data.length === 0) return [];
    let s = utf8.decode(data);
    if (s.endsWith('\n') && !flavour.linesKeepFinalNewline) s = s.slice(0, -1);
    return s.split('\n');
  });
  return files;
}
