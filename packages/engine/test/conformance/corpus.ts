/**
 * The conformance corpus (../shared/conformance beside the repository, or HELMTS_CONFORMANCE_DIR):
 * locating it, running a case through `templateChart`, and comparing as its README says. It has
 * two columns: Helm v4.1.4 (`cases.json`, `expected/`), rendered with the `helm3` dialect, and
 * Helm 2.17.0 (`cases-helm2.json`, `expected-helm2/`), rendered with the `helm2` dialect.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseYaml } from '@helmts/goyaml';
import { templateChart } from '../../src/template-chart.js';
import type { DialectName } from '../../src/dialects/render-dialect.js';

/** One column of the corpus: the cases, the expected outputs, the dialect that must match them. */
export interface Column {
  dialect: DialectName;
  casesFile: string;
  expectedDir: string;
  /** what --kube-version the column's Helm was given */
  kubeVersion: (c: ConformanceCase) => string;
}

export const COLUMNS: Record<DialectName, Column> = {
  helm3: { dialect: 'helm3', casesFile: 'cases.json', expectedDir: 'expected', kubeVersion: helm3KubeVersion },
  // Helm 2 got `--kube-version 1.30` (see HELM2.md)
  helm2: { dialect: 'helm2', casesFile: 'cases-helm2.json', expectedDir: 'expected-helm2', kubeVersion: () => '1.30' },
};

function helm3KubeVersion(c: ConformanceCase): string {
  if (!c.kube_version) throw new Error(`conformance case ${c.id} has no kube_version`);
  return c.kube_version;
}

export interface ConformanceCase {
  id: string;
  chart: string;
  values_files: string[];
  args?: string[];
  /** Helm 2 column: the argv after `helm` */
  helm2_args?: string[];
  release?: string;
  namespace?: string;
  /** Helm v4 column only: the --kube-version it was given */
  kube_version?: string;
  deterministic: boolean;
  expect_error: string | null;
  volatile_paths?: Record<string, string[]>;
}

export { findConformanceDir as findCorpusDir } from '@helmts/testkit';

export function loadCases(corpusDir: string, column: Column = COLUMNS.helm3): ConformanceCase[] {
  return JSON.parse(readFileSync(join(corpusDir, column.casesFile), 'utf8')) as ConformanceCase[];
}

export interface CaseRun {
  output?: string;
  error?: string;
}

export async function runCase(corpusDir: string, c: ConformanceCase, column: Column = COLUMNS.helm3): Promise<CaseRun> {
  const chartDir = join(corpusDir, 'charts', c.chart);
  try {
    const { output } = await templateChart({
      chart: chartDir,
      cwd: chartDir,
      releaseName: c.release ?? 'conformance',
      namespace: c.namespace ?? 'conformance-ns',
      kubeVersion: column.kubeVersion(c),
      valueFiles: c.values_files,
      dialect: column.dialect,
      time: new Date(0),
    });
    return { output };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

export interface Verdict {
  pass: boolean;
  reason?: string;
}

/** Helm 4's rule: one document per `---` chunk with a `# Source:` line. */
function docKeys(output: string): Array<{ key: string; body: string }> {
  const docs: Array<{ key: string; body: string }> = [];
  const counts = new Map<string, number>();
  for (const piece of output.split(/^---$/m)) {
    const m = /^# Source: (.+)$/m.exec(piece);
    if (!m) continue;
    const source = m[1];
    const n = counts.get(source) ?? 0;
    counts.set(source, n + 1);
    docs.push({ key: `${source}#${n}`, body: piece });
  }
  return docs;
}

/**
 * Helm 2's rule (HELM2.md): split at `^---\s*$` lines; a chunk without `# Source:` belongs to the
 * previous chunk's source; a chunk is a document when it has text besides its `# Source:` line.
 */
function helm2DocKeys(output: string): Array<{ key: string; body: string }> {
  const docs: Array<{ key: string; body: string }> = [];
  const counts = new Map<string, number>();
  let source = '';
  for (const piece of output.split(/^---[ \t\r\f\v]*$/m)) {
    const m = /^# Source: (.+)$/m.exec(piece);
    if (m) source = m[1];
    const rest = m ? piece.replace(m[0], '') : piece;
    if (source === '' || rest.trim() === '') continue;
    const n = counts.get(source) ?? 0;
    counts.set(source, n + 1);
    docs.push({ key: `${source}#${n}`, body: rest });
  }
  return docs;
}

function decodePointer(p: string): string[] {
  return p
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function typeName(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

function deepCompare(a: unknown, b: unknown, path: string[], volatile: string[][]): string | undefined {
  if (volatile.some((v) => v.length === path.length && v.every((s, i) => s === path[i]))) {
    if (path.length === 0) return undefined; // the whole document (it may not even parse)
    return typeName(a) === typeName(b) ? undefined : `/${path.join('/')}: type ${typeName(a)} vs ${typeName(b)}`;
  }
  if (typeName(a) !== typeName(b)) return `/${path.join('/')}: type ${typeName(a)} vs ${typeName(b)}`;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    if (a.length !== bb.length) return `/${path.join('/')}: length ${a.length} vs ${bb.length}`;
    for (let i = 0; i < a.length; i++) {
      const r = deepCompare(a[i], bb[i], [...path, String(i)], volatile);
      if (r) return r;
    }
    return undefined;
  }
  if (a !== null && typeof a === 'object') {
    const ao = a as Record<string, unknown>;
    const bo = b as Record<string, unknown>;
    const ak = Object.keys(ao).sort();
    const bk = Object.keys(bo).sort();
    if (ak.join('\0') !== bk.join('\0')) return `/${path.join('/')}: keys [${ak}] vs [${bk}]`;
    for (const k of ak) {
      const r = deepCompare(ao[k], bo[k], [...path, k], volatile);
      if (r) return r;
    }
    return undefined;
  }
  return Object.is(a, b) || a === b ? undefined : `/${path.join('/')}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

function firstDifference(actual: string, expected: string): string {
  const al = actual.split('\n');
  const el = expected.split('\n');
  for (let i = 0; i < Math.max(al.length, el.length); i++) {
    if (al[i] !== el[i]) return `line ${i + 1}: got ${JSON.stringify(al[i])}, want ${JSON.stringify(el[i])}`;
  }
  return 'identical lines';
}

export function judge(corpusDir: string, c: ConformanceCase, run: CaseRun, column: Column = COLUMNS.helm3): Verdict {
  if (c.expect_error !== null) {
    if (run.error === undefined) return { pass: false, reason: 'expected an error, rendered successfully' };
    const want = c.expect_error.replace(/^Error: /, '');
    if (run.error === want) return { pass: true };
    return {
      pass: false,
      reason: `error differs:\n  got:  ${JSON.stringify(run.error)}\n  want: ${JSON.stringify(want)}`,
    };
  }
  if (run.error !== undefined) return { pass: false, reason: `error: ${run.error}` };
  const expected = readFileSync(join(corpusDir, column.expectedDir, `${c.id}.yaml`), 'utf8');
  const actual = run.output ?? '';
  if (c.deterministic) {
    return actual === expected ? { pass: true } : { pass: false, reason: firstDifference(actual, expected) };
  }
  const keys = column.dialect === 'helm2' ? helm2DocKeys : docKeys;
  const ad = keys(actual);
  const ed = keys(expected);
  const aKeys = ad.map((d) => d.key).join('\n');
  const eKeys = ed.map((d) => d.key).join('\n');
  if (aKeys !== eKeys) return { pass: false, reason: `document keys differ: ${firstDifference(aKeys, eKeys)}` };
  for (let i = 0; i < ad.length; i++) {
    const volatile = (c.volatile_paths?.[ed[i].key] ?? []).map(decodePointer);
    if (volatile.some((v) => v.length === 0)) continue; // the whole document is volatile
    let av: unknown;
    let ev: unknown;
    try {
      av = parseYaml(ad[i].body);
      ev = parseYaml(ed[i].body);
    } catch (e) {
      return { pass: false, reason: `${ad[i].key}: YAML parse: ${(e as Error).message}` };
    }
    const diff = deepCompare(av, ev, [], volatile);
    if (diff) return { pass: false, reason: `${ad[i].key}: ${diff}` };
  }
  return { pass: true };
}
