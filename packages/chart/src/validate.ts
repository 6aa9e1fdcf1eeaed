import type { Chart, Dependency, Metadata } from './model.js';
import { Constraint, isValidVersion } from '@helmts/semver';

/** Helm's `validation: ...` error; `file` and `field` locate the problem. */
export class ChartValidationError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly field: string,
  ) {
    super(`validation: ${message}`);
    this.name = 'ChartValidationError';
  }
}

const ALIAS_FORMAT = /^[a-zA-Z0-9_-]+$/;

/** Go's unicode.IsSpace above ASCII: U+0085, U+00A0 and the White_Space characters beyond Latin-1. */
const WIDE_SPACES = new Set([
  0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
  0x2029, 0x202f, 0x205f, 0x3000,
]);
// Compiled on the first character beyond ASCII: a Unicode property class costs ~1 ms to compile,
// and most charts' metadata is plain ASCII.
let printable: RegExp | undefined;

/**
 * Go's sanitizeString (Helm's chart metadata): what unicode.IsSpace takes becomes ' ', what
 * unicode.IsPrint refuses (controls, format characters such as U+FEFF) is dropped.
 */
export function sanitizeString(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return s;
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      if ((cp >= 9 && cp <= 13) || cp === 32) out += ' ';
      else if (cp > 32 && cp < 127) out += ch;
    } else if (WIDE_SPACES.has(cp)) out += ' ';
    else if ((printable ??= /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u).test(ch)) out += ch;
  }
  return out;
}

function baseName(p: string): string {
  const trimmed = p.replace(/\/+$/, '');
  if (trimmed === '') return p === '' ? '.' : '/';
  return trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

function validateDependency(d: Dependency | null, file: string, index: number): void {
  if (d === null || d === undefined) {
    throw new ChartValidationError('dependencies must not contain empty or null nodes', file, `dependencies[${index}]`);
  }
  d.name = sanitizeString(d.name ?? '');
  if (d.version !== undefined) d.version = sanitizeString(d.version);
  d.repository = sanitizeString(d.repository ?? '');
  if (d.condition !== undefined) d.condition = sanitizeString(d.condition);
  if (d.tags) d.tags = d.tags.map(sanitizeString);
  if (d.alias && !ALIAS_FORMAT.test(d.alias)) {
    throw new ChartValidationError(
      `dependency ${JSON.stringify(d.name)} has disallowed characters in the alias`,
      file,
      `dependencies[${index}].alias`,
    );
  }
}

/**
 * Helm's Metadata.Validate: sanitizes string fields in place and throws the first problem
 * with Helm's message. `file` is Chart.yaml, prefixed with the subchart path when nested.
 */
export function validateMetadata(md: Metadata, file = 'Chart.yaml'): void {
  for (const k of ['name', 'description', 'home', 'icon', 'condition', 'tags', 'appVersion', 'kubeVersion'] as const) {
    if (typeof md[k] === 'string') (md as unknown as Record<string, string>)[k] = sanitizeString(md[k] as string);
  }
  if (md.sources) md.sources = md.sources.map(sanitizeString);
  if (md.keywords) md.keywords = md.keywords.map(sanitizeString);
  if (!md.apiVersion) throw new ChartValidationError('chart.metadata.apiVersion is required', file, 'apiVersion');
  if (!md.name) throw new ChartValidationError('chart.metadata.name is required', file, 'name');
  if (md.name === '.' || md.name === '..')
    throw new ChartValidationError(`chart.metadata.name ${JSON.stringify(md.name)} is not allowed`, file, 'name');
  if (md.name !== baseName(md.name))
    throw new ChartValidationError(`chart.metadata.name ${JSON.stringify(md.name)} is invalid`, file, 'name');
  if (!md.version) throw new ChartValidationError('chart.metadata.version is required', file, 'version');
  if (!isValidVersion(md.version))
    throw new ChartValidationError(`chart.metadata.version ${JSON.stringify(md.version)} is invalid`, file, 'version');
  if (md.type !== undefined && !['', 'application', 'library'].includes(md.type)) {
    throw new ChartValidationError('chart.metadata.type must be application or library', file, 'type');
  }
  (md.maintainers ?? []).forEach((m, i) => {
    if (m === null || m === undefined)
      throw new ChartValidationError('maintainers must not contain empty or null nodes', file, `maintainers[${i}]`);
    for (const k of ['name', 'email', 'url'] as const) if (typeof m[k] === 'string') m[k] = sanitizeString(m[k]!);
  });
  const seen = new Set<string>();
  (md.dependencies ?? []).forEach((d, i) => {
    validateDependency(d, file, i);
    const key = d.alias || d.name;
    if (seen.has(key))
      throw new ChartValidationError(
        `more than one dependency with name or alias ${JSON.stringify(key)}`,
        file,
        `dependencies[${i}]`,
      );
    seen.add(key);
  });
}

export interface ChartIssue {
  /** Chart-tree path of the file, e.g. `Chart.yaml` or `charts/mysql/Chart.yaml`. */
  file: string;
  field: string;
  severity: 'error' | 'warning';
  /** Names the file and field, e.g. `Chart.yaml: version "x" is not a valid semantic version`. */
  message: string;
}

/**
 * Checks a loaded chart tree and reports every problem found (not just the first): the
 * metadata rules above, version ranges that do not parse, declared dependencies that are
 * absent from charts/, and a kubeVersion that is not a valid range.
 */
export function validateChart(chart: Chart, prefix = ''): ChartIssue[] {
  const issues: ChartIssue[] = [];
  const file = `${prefix}Chart.yaml`;
  const add = (field: string, message: string, severity: 'error' | 'warning' = 'error') =>
    issues.push({ file, field, severity, message: `${file}: ${field}: ${message}` });
  const md = structuredClone(chart.metadata);
  try {
    validateMetadata(md, file);
  } catch (e) {
    if (e instanceof ChartValidationError) add(e.field, e.message.replace(/^validation: /, ''));
    else throw e;
  }
  if (md.apiVersion && !['v1', 'v2'].includes(md.apiVersion))
    add('apiVersion', `apiVersion ${JSON.stringify(md.apiVersion)} is not supported (v1 or v2)`);
  if (md.kubeVersion && !Constraint.tryParse(md.kubeVersion))
    add('kubeVersion', `${JSON.stringify(md.kubeVersion)} is not a valid version range`);
  const depFile = md.apiVersion === 'v1' && chart.requirements ? `${prefix}requirements.yaml` : file;
  (md.dependencies ?? []).forEach((d, i) => {
    if (!d) return;
    if (d.version && !Constraint.tryParse(d.version)) {
      issues.push({
        file: depFile,
        field: `dependencies[${i}].version`,
        severity: 'error',
        message: `${depFile}: dependencies[${i}].version: ${JSON.stringify(d.version)} is not a valid version range`,
      });
    }
    if (!chart.dependencies.some((c) => c.metadata.name === d.name)) {
      issues.push({
        file: depFile,
        field: `dependencies[${i}]`,
        severity: 'error',
        message: `${depFile}: dependencies[${i}]: ${JSON.stringify(d.name)} is declared but missing in ${prefix}charts/`,
      });
    }
  });
  for (const sub of chart.dependencies) issues.push(...validateChart(sub, `${prefix}charts/${sub.metadata.name}/`));
  return issues;
}
