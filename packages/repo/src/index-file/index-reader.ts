import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';

import { parseFailsafeYaml } from '../yaml/parse-failsafe-yaml.js';
import { normalizeChartVersion, type ChartVersion } from './chart-version.js';
import { parseVersionEntryFast, UNSUPPORTED } from './version-entry-fast-path.js';

/** The top-level fields of index.yaml other than `entries`. */
export interface IndexHeader {
  apiVersion?: string;
  generated?: string;
  serverInfo?: unknown;
  publicKeys?: string[];
  annotations?: Record<string, string>;
}

export interface IndexVisitor {
  /** Called once per usable entry, in file order. */
  entry(name: string, version: ChartVersion): void;
  /** Called for an entry that cannot be used (no version, no urls, not a mapping). */
  problem?(name: string, problem: string): void;
}

/** The document is not a chart repository index (HTML page, other YAML, bad top-level key). */
export class IndexFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndexFormatError';
  }
}

// Helm 2 checks the top level strictly; `annotations` is accepted too, as newer Helm writes it.
const TOP_LEVEL_KEYS = new Set(['apiVersion', 'generated', 'entries', 'serverInfo', 'publicKeys', 'annotations']);
/** Above this size, a document that is not in block style (e.g. one JSON line) is refused rather than held whole. */
export const MAX_WHOLE_DOCUMENT_BYTES = 64 * 1024 * 1024;

class NotBlockStyle extends Error {}

const indentOf = (line: string): number => {
  let i = 0;
  while (i < line.length && line.charCodeAt(i) === 32) i++;
  return i;
};

/**
 * Reads index.yaml in bounded memory: the file is streamed line by line and each chart
 * version's lines are parsed on their own, so a several-hundred-MB index never sits in memory
 * as one string or one tree. Documents not in block style fall back to a whole parse (size-capped).
 */
export async function readIndexFile(path: string, visitor: IndexVisitor): Promise<IndexHeader> {
  const size = (await stat(path)).size;
  try {
    return await readBlockStyle(path, visitor);
  } catch (error) {
    if (!(error instanceof NotBlockStyle)) throw error;
  }
  if (size > MAX_WHOLE_DOCUMENT_BYTES) {
    throw new IndexFormatError(`index is ${size} bytes and not in block style; refusing to load it whole`);
  }
  return readWholeDocument(await readFile(path, 'utf8'), visitor);
}

function checkTopLevelKey(key: string): void {
  if (!TOP_LEVEL_KEYS.has(key))
    throw new IndexFormatError(`unexpected top-level field "${key}" (not a chart repository index)`);
}

function applyHeaderField(header: IndexHeader, key: string, value: unknown): void {
  if (key === 'apiVersion' && typeof value === 'string') header.apiVersion = value;
  else if (key === 'generated' && typeof value === 'string') header.generated = value;
  else if (key === 'serverInfo') header.serverInfo = value;
  else if (key === 'publicKeys' && Array.isArray(value)) header.publicKeys = value.map(String);
  else if (key === 'annotations' && value && typeof value === 'object')
    header.annotations = value as Record<string, string>;
}

function visitVersions(name: string, list: unknown, visitor: IndexVisitor): void {
  if (list === null || list === undefined) return;
  if (!Array.isArray(list)) {
    visitor.problem?.(name, 'is not a list of versions');
    return;
  }
  for (const raw of list) {
    const normalized = normalizeChartVersion(raw, name);
    if ('problem' in normalized) visitor.problem?.(name, normalized.problem as string);
    else visitor.entry(name, normalized);
  }
}

function readWholeDocument(text: string, visitor: IndexVisitor): IndexHeader {
  assertNotHtml(text);
  let doc: unknown;
  try {
    doc = parseFailsafeYaml(text);
  } catch (error) {
    throw new IndexFormatError(`cannot parse index: ${(error as Error).message.split('\n')[0]}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new IndexFormatError('index is not a YAML mapping');
  const header: IndexHeader = {};
  for (const [key, value] of Object.entries(doc as Record<string, unknown>)) {
    checkTopLevelKey(key);
    if (key === 'entries') {
      if (value && typeof value === 'object') {
        for (const [name, list] of Object.entries(value as Record<string, unknown>)) visitVersions(name, list, visitor);
      }
    } else {
      applyHeaderField(header, key, value);
    }
  }
  return header;
}

function assertNotHtml(firstText: string): void {
  const start = firstText.trimStart().slice(0, 15).toLowerCase();
  if (start.startsWith('<!doctype') || start.startsWith('<html') || start.startsWith('<')) {
    throw new IndexFormatError('got an HTML page instead of index.yaml');
  }
}

async function readBlockStyle(path: string, visitor: IndexVisitor): Promise<IndexHeader> {
  const header: IndexHeader = {};
  let section: string | undefined;
  let sectionLines: string[] = [];
  let chartIndent = -1;
  let chartName: string | undefined;
  let itemIndent = -1;
  let itemLines: string[] = [];
  let sawContent = false;

  const flushItem = () => {
    if (itemLines.length === 0 || chartName === undefined) return;
    const lines = itemLines;
    itemLines = [];
    let parsed: unknown = parseVersionEntryFast(lines);
    if (parsed === UNSUPPORTED) {
      try {
        parsed = parseFailsafeYaml(lines.join('\n'));
      } catch (error) {
        throw new IndexFormatError(
          `cannot parse entry of chart "${chartName}": ${(error as Error).message.split('\n')[0]}`,
        );
      }
    }
    visitVersions(chartName, parsed, visitor);
  };

  const flushSection = () => {
    if (section === 'entries') {
      flushItem();
    } else if (section !== undefined) {
      let parsed: unknown;
      try {
        parsed = parseFailsafeYaml(sectionLines.join('\n'));
      } catch (error) {
        throw new IndexFormatError(`cannot parse "${section}": ${(error as Error).message.split('\n')[0]}`);
      }
      if (parsed && typeof parsed === 'object')
        applyHeaderField(header, section, (parsed as Record<string, unknown>)[section]);
    }
    section = undefined;
    sectionLines = [];
    chartIndent = -1;
    chartName = undefined;
    itemIndent = -1;
  };

  const handleLine = (line: string) => {
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const indent = indentOf(line);
    const blank = indent === line.length;
    const comment = !blank && line.charCodeAt(indent) === 35; /* # */
    if (!sawContent) {
      if (blank || comment) return;
      if (line === '---' || line.startsWith('--- ')) return;
      assertNotHtml(line);
      if (indent > 0 || line.startsWith('{') || line.startsWith('[')) throw new NotBlockStyle();
      sawContent = true;
    }
    if (indent === 0 && !blank && !comment) {
      if (line === '...' || line === '---') {
        flushSection();
        return;
      }
      flushSection();
      const colon = line.indexOf(':');
      if (colon <= 0)
        throw new IndexFormatError(`unexpected line "${line.slice(0, 60)}" (not a chart repository index)`);
      const key = line.slice(0, colon).replace(/^["']|["']$/g, '');
      checkTopLevelKey(key);
      section = key;
      const rest = line.slice(colon + 1).trim();
      if (key === 'entries') {
        // `entries: {}` is an empty index; any other inline value needs the whole-document path.
        if (rest !== '' && rest !== '{}' && !rest.startsWith('#')) throw new NotBlockStyle();
      } else {
        sectionLines.push(line);
      }
      return;
    }
    if (section === undefined) return;
    if (section !== 'entries') {
      sectionLines.push(line);
      return;
    }
    if (blank || (comment && (itemIndent < 0 || indent <= itemIndent))) {
      if (blank && itemLines.length > 0) itemLines.push('');
      return;
    }
    if (chartIndent < 0) chartIndent = indent;
    const isItem =
      line.charCodeAt(indent) === 45 /* - */ && (line.length === indent + 1 || line.charCodeAt(indent + 1) === 32);
    if (indent === chartIndent && !isItem) {
      flushItem();
      itemIndent = -1;
      let parsed: unknown;
      try {
        parsed = parseFailsafeYaml(line.trim());
      } catch (error) {
        throw new IndexFormatError(
          `cannot parse entries line "${line.trim().slice(0, 60)}": ${(error as Error).message.split('\n')[0]}`,
        );
      }
      if (!parsed || typeof parsed !== 'object')
        throw new IndexFormatError(`unexpected line in entries: "${line.trim().slice(0, 60)}"`);
      const [[name, inline]] = Object.entries(parsed as Record<string, unknown>);
      chartName = name;
      if (inline !== null && inline !== undefined) visitVersions(name, inline, visitor);
      return;
    }
    if (chartName === undefined)
      throw new IndexFormatError(`unexpected line in entries: "${line.trim().slice(0, 60)}"`);
    if (isItem && (itemIndent < 0 || indent === itemIndent)) {
      flushItem();
      itemIndent = indent;
      itemLines.push(line);
      return;
    }
    if (itemIndent >= 0 && indent > itemIndent) {
      itemLines.push(line);
      return;
    }
    throw new IndexFormatError(
      `unexpected indentation in entries of chart "${chartName}": "${line.trim().slice(0, 60)}"`,
    );
  };

  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = rest + chunk;
    let start = 0;
    let nl = text.indexOf('\n', start);
    while (nl !== -1) {
      handleLine(text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    rest = text.slice(start);
    if (rest.length > MAX_WHOLE_DOCUMENT_BYTES) throw new NotBlockStyle();
  }
  if (rest) handleLine(rest);
  flushSection();
  return header;
}

export function assertVersioned(header: IndexHeader): void {
  if (!header.apiVersion)
    throw new IndexFormatError('no API version specified (not a chart repository index, or an unsupported legacy one)');
}
