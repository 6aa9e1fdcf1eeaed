/**
 * Helm 4's releaseutil.SortManifests: files in sorted path order, split into documents (in file
 * order), each document's head read as YAML; documents annotated `helm.sh/hook` become hooks
 * (unknown hook events drop the document), the rest are manifests; both kind-sorted.
 */
import { parseYaml } from '@helmts/goyaml';
import { RenderError } from '../engine.js';
import { splitManifests, goTrimSpace } from './split-manifests.js';
import { parseSimpleBlockMapping, type SimpleMappingFilter } from './simple-head-parser.js';
import { sortByKind, INSTALL_ORDER } from './kind-order.js';

export interface ManifestHead {
  apiVersion: string;
  kind: string;
  name: string;
  annotations: Record<string, string> | null;
}

export interface Manifest {
  /** template path (`# Source:`) */
  name: string;
  content: string;
  head: ManifestHead;
}

export type HookEvent =
  | 'pre-install'
  | 'post-install'
  | 'pre-delete'
  | 'post-delete'
  | 'pre-upgrade'
  | 'post-upgrade'
  | 'pre-rollback'
  | 'post-rollback'
  | 'test';

export interface Hook {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: HookEvent[];
  weight: number;
  deletePolicies: string[];
  outputLogPolicies: string[];
}

const HOOK_EVENTS: Record<string, HookEvent> = {
  'pre-install': 'pre-install',
  'post-install': 'post-install',
  'pre-delete': 'pre-delete',
  'post-delete': 'post-delete',
  'pre-upgrade': 'pre-upgrade',
  'post-upgrade': 'post-upgrade',
  'pre-rollback': 'pre-rollback',
  'post-rollback': 'post-rollback',
  test: 'test',
  'test-success': 'test',
};

function goTypeOfJson(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

function fieldError(file: string, v: unknown, field: string, type: string): RenderError {
  return new RenderError(
    `YAML parse error on ${file}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${goTypeOfJson(v)} into Go struct field ${field} of type ${type}`,
  );
}

const TOP_LEVEL_KEY = /^(apiVersion|kind|metadata|"apiVersion"|"kind"|"metadata")[ \t]*:(?:[ \t]|$)/;
const OTHER_TOP_LEVEL_KEY = /^(?:[A-Za-z0-9_][^:#\n]*|"[^"\n]*"|'[^'\n]*')[ \t]*:(?:[ \t]|$)/;

/**
 * The part of a document that the head needs: the top-level `apiVersion`, `kind` and `metadata`
 * entries of a block mapping, cut out by line. Undefined when the document is not a plain block
 * mapping (flow style, anchors, a list at the top, directives...): then the whole document is read.
 */
function headSnippet(doc: string): string | undefined {
  // Only lines starting in column 0 decide anything; indented, blank and comment lines belong to
  // the entry above them, so whole kept entries are cut out as slices rather than line by line.
  let snippet = '';
  let keepFrom = -1;
  let sawKey = false;
  let lineStart = 0;
  const n = doc.length;
  while (lineStart <= n) {
    let lineEnd = doc.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = n;
    const c = doc.charCodeAt(lineStart);
    // '' (end or empty line), ' ', '#': continuation of the current entry
    if (lineStart === lineEnd || c === 32 || c === 35) {
      lineStart = lineEnd + 1;
      continue;
    }
    const line = doc.slice(lineStart, lineEnd);
    if (c === 45 && sawKey && !line.startsWith('---') && (line.length === 1 || line[1] === ' ')) {
      lineStart = lineEnd + 1;
      continue;
    }
    if (TOP_LEVEL_KEY.test(line)) {
      if (keepFrom < 0) keepFrom = lineStart;
      sawKey = true;
    } else if (
      OTHER_TOP_LEVEL_KEY.test(line) &&
      !/[&*!|>]/.test(line.slice(line.indexOf(':') + 1, line.indexOf(':') + 3))
    ) {
      if (keepFrom >= 0) {
        snippet += (snippet === '' ? '' : '\n') + doc.slice(keepFrom, lineStart - 1);
        keepFrom = -1;
      }
      sawKey = true;
    } else {
      return undefined;
    }
    lineStart = lineEnd + 1;
  }
  if (keepFrom >= 0) snippet += (snippet === '' ? '' : '\n') + doc.slice(keepFrom, n);
  return snippet;
}

/** The first line that is not blank or a comment starts with a blank. */
const INDENTED_FIRST_LINE = /^(?:[ \t]*(?:#[^\n]*)?\n)*[ \t]+[^\s#]/;

/** The fields SimpleHead has: the fast reader passes over the rest (spec, labels and so on). */
const SIMPLE_HEAD_FIELDS: SimpleMappingFilter = {
  apiVersion: 'all',
  kind: 'all',
  metadata: ['name', 'annotations'],
};

/**
 * sigs.k8s.io/yaml.Unmarshal into releaseutil.SimpleHead, with its type errors. For speed only
 * the head entries of an ordinary block-mapping document are parsed (see headSnippet), so a YAML
 * syntax error elsewhere in such a document is not reported here; `fullParse` reads everything.
 */
export function readManifestHead(file: string, doc: string, fullParse = false): ManifestHead {
  let parsed: unknown;
  try {
    try {
      // an indented first line makes the root an indented mapping that ends where a line starts
      // further left: only the whole read knows what go-yaml keeps
      if (!fullParse && INDENTED_FIRST_LINE.test(doc)) fullParse = true;
      parsed = fullParse ? undefined : parseSimpleBlockMapping(doc, SIMPLE_HEAD_FIELDS);
      if (parsed === undefined) {
        const snippet = fullParse ? undefined : headSnippet(doc);
        parsed = parseYaml(snippet ?? doc);
      }
    } catch (e) {
      // the head alone may read differently from the whole (go-yaml stops at the end of the root
      // node and never reads what follows at a lower indent): the whole document decides
      if (fullParse) throw e;
      parsed = parseYaml(doc);
    }
  } catch (e) {
    throw new RenderError(`YAML parse error on ${file}: ${(e as Error).message}`);
  }
  const head: ManifestHead = { apiVersion: '', kind: '', name: '', annotations: null };
  if (parsed === null) return head;
  if (typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new RenderError(
      `YAML parse error on ${file}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${goTypeOfJson(parsed)} into Go value of type util.SimpleHead`,
    );
  }
  const obj = parsed as Record<string, unknown>;
  const str = (v: unknown, field: string): string => {
    if (v === undefined || v === null) return '';
    if (typeof v !== 'string') throw fieldError(file, v, field, 'string');
    return v;
  };
  head.apiVersion = str(obj.apiVersion, 'SimpleHead.apiVersion');
  head.kind = str(obj.kind, 'SimpleHead.kind');
  const meta = obj.metadata;
  if (meta !== undefined && meta !== null) {
    if (typeof meta !== 'object' || Array.isArray(meta))
      throw fieldError(
        file,
        meta,
        'SimpleHead.metadata',
        'struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }',
      );
    const m = meta as Record<string, unknown>;
    head.name = str(m.name, 'SimpleHead.metadata.name');
    const ann = m.annotations;
    if (ann !== undefined && ann !== null) {
      if (typeof ann !== 'object' || Array.isArray(ann))
        throw fieldError(file, ann, 'SimpleHead.metadata.annotations', 'map[string]string');
      const out: Record<string, string> = {};
      for (const [k, v] of Object.entries(ann as Record<string, unknown>)) {
        if (v === null) {
          out[k] = '';
          continue;
        }
        if (typeof v !== 'string') throw fieldError(file, v, 'SimpleHead.metadata.annotations', 'string');
        out[k] = v;
      }
      head.annotations = out;
    }
  }
  return head;
}

/** Go's strconv.Atoi; 0 when it fails. */
function atoi(s: string | undefined): number {
  if (s === undefined || !/^[+-]?\d+$/.test(s)) return 0;
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : 0;
}

function splitAnnotation(value: string | undefined): string[] {
  if (value === undefined) return [];
  return value.split(',').map((p) => p.trim().toLowerCase());
}

export interface SortedManifests {
  hooks: Hook[];
  manifests: Manifest[];
}

export function sortManifests(
  files: Map<string, string>,
  ordering: readonly string[] = INSTALL_ORDER,
): SortedManifests {
  const hooks: Hook[] = [];
  const manifests: Manifest[] = [];
  const paths = [...files.keys()].sort();
  for (const path of paths) {
    const content = files.get(path)!;
    const base = path.slice(path.lastIndexOf('/') + 1);
    if (base.startsWith('_')) continue;
    if (goTrimSpace(content) === '') continue;
    for (const doc of splitManifests(content)) {
      const head = readManifestHead(path, doc);
      const hookValue = head.annotations?.['helm.sh/hook'];
      if (!head.annotations || Object.keys(head.annotations).length === 0 || hookValue === undefined) {
        manifests.push({ name: path, content: doc, head });
        continue;
      }
      const events: HookEvent[] = [];
      let unknown = false;
      for (const e of splitAnnotation(hookValue)) {
        const ev = HOOK_EVENTS[e];
        if (!ev) {
          unknown = true;
          break;
        }
        events.push(ev);
      }
      if (unknown) continue;
      hooks.push({
        name: head.name,
        kind: head.kind,
        path,
        manifest: doc,
        events,
        weight: atoi(head.annotations['helm.sh/hook-weight']),
        deletePolicies: splitAnnotation(head.annotations['helm.sh/hook-delete-policy']),
        outputLogPolicies: splitAnnotation(head.annotations['helm.sh/hook-output-log-policy']),
      });
    }
  }
  return {
    hooks: sortByKind(hooks, (h) => h.kind, ordering),
    manifests: sortByKind(manifests, (m) => m.head.kind, ordering),
  };
}
