import { createRequire } from 'node:module';

import type * as Yaml from 'yaml';

export type StructuredFormat = 'json' | 'yaml';
export type OutputFormat = 'table' | StructuredFormat;

export interface TableOptions {
  /** Longest a cell may be before it is cut (Helm's `--col-width`, default 60). */
  maxColWidth?: number;
}

function truncateCell(text: string, width: number): string {
  if (width <= 0 || text.length <= width) return text;
  if (width <= 3) return text.slice(0, width);
  return `${text.slice(0, width - 3)}...`;
}

/**
 * Renders rows as Helm's uitable does: every cell padded to its column's width,
 * columns separated by a tab, cells longer than maxColWidth cut with "...".
 */
export function renderTable(headers: string[], rows: string[][], options: TableOptions = {}): string {
  const maxColWidth = options.maxColWidth ?? 60;
  const all = [headers, ...rows].map((row) => row.map((cell) => truncateCell(cell, maxColWidth)));
  const widths = headers.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  return all
    .map((row) => widths.map((width, col) => (row[col] ?? '').padEnd(width)).join('\t'))
    .join('\n')
    .concat('\n');
}

/** JSON (two-space indent) or YAML text for `-o json|yaml`. */
export function formatStructured(data: unknown, format: StructuredFormat): string {
  if (format === 'json') return `${JSON.stringify(data, null, 2)}\n`;
  // Loaded on first use: most commands print tables, and the YAML library is ~40 modules.
  const yaml = createRequire(import.meta.url)('yaml') as typeof Yaml;
  return yaml.stringify(data, { lineWidth: 0 });
}

/** Objects' keys in Go's map order (sorted), as ghodss/yaml writes them; arrays keep their order. */
function sortedKeys(data: unknown): unknown {
  if (Array.isArray(data)) return data.map(sortedKeys);
  if (data === null || typeof data !== 'object') return data;
  return Object.fromEntries(
    Object.keys(data)
      .sort()
      .map((key) => [key, sortedKeys((data as Record<string, unknown>)[key])]),
  );
}

/**
 * `-o json|yaml` as Helm 2 prints its own structs: Go's json.Marshal (one line) or ghodss/yaml (keys
 * sorted), then fmt.Println's newline. An empty Go slice marshals as `null`: pass null for it.
 */
export function formatGoStructured(data: unknown, format: StructuredFormat): string {
  // Go's encoder escapes <, >, & (and U+2028/9) inside strings: `==> v1/Pod` is `==\u003e v1/Pod`
  if (format === 'json')
    return `${JSON.stringify(data).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
  const yaml = createRequire(import.meta.url)('yaml') as typeof Yaml;
  return `${yaml.stringify(sortedKeys(data), { lineWidth: 0, indentSeq: false })}\n`;
}

/** Whether colours and in-place updates may be used on this stream. */
export function isInteractive(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !process.env.CI && process.env.TERM !== 'dumb';
}

export function colorEnabled(stream: NodeJS.WriteStream = process.stdout): boolean {
  if (process.env.NO_COLOR !== undefined) return false;
  if (process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0') return true;
  return Boolean(stream.isTTY);
}

const ANSI = { bold: [1, 22], red: [31, 39], green: [32, 39], yellow: [33, 39], cyan: [36, 39], dim: [2, 22] } as const;
export type Color = keyof typeof ANSI;

/** Wraps text in an ANSI colour only when the stream is a colour terminal. */
export function paint(text: string, color: Color, stream: NodeJS.WriteStream = process.stdout): string {
  if (!colorEnabled(stream)) return text;
  const [open, close] = ANSI[color];
  return `\u001B[${open}m${text}\u001B[${close}m`;
}
