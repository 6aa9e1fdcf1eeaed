import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { stringify } from 'yaml';

import { formatGoTime } from '../index-file/go-time.js';
import { RepoError } from '../errors.js';
import { parseFailsafeYaml } from '../yaml/parse-failsafe-yaml.js';

/** One entry of requirements.yaml (v1 charts) or of Chart.yaml `dependencies` (v2 charts). */
export interface Dependency {
  name: string;
  version: string;
  repository: string;
  condition?: string;
  tags?: string[];
  enabled?: boolean;
  'import-values'?: unknown[];
  alias?: string;
}

export interface LockedDependency {
  name: string;
  version: string;
  repository: string;
}

export interface DependencyFiles {
  chartDir: string;
  /** Chart.yaml `apiVersion`: v1 keeps dependencies in requirements.yaml, v2 in Chart.yaml. */
  apiVersion: string;
  chartName: string;
  chartVersion: string;
  dependencies: Dependency[];
  /** Where the dependencies were declared. */
  source: 'requirements.yaml' | 'Chart.yaml' | 'none';
  lockFile: string;
  lock?: { dependencies: LockedDependency[]; digest: string; generated?: string };
}

function loadYaml(text: string, file: string): Record<string, unknown> {
  try {
    const doc = parseFailsafeYaml(text);
    return doc && typeof doc === 'object' ? (doc as Record<string, unknown>) : {};
  } catch (error) {
    throw new RepoError(`cannot parse ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function toDependency(raw: unknown, file: string): Dependency {
  if (!raw || typeof raw !== 'object') throw new RepoError(`${file}: a dependency is not a mapping`);
  const r = raw as Record<string, unknown>;
  if (typeof r.name !== 'string' || !r.name) throw new RepoError(`${file}: a dependency has no name`);
  const dep: Dependency = { name: r.name, version: String(r.version ?? ''), repository: String(r.repository ?? '') };
  if (typeof r.condition === 'string' && r.condition) dep.condition = r.condition;
  if (Array.isArray(r.tags) && r.tags.length > 0) dep.tags = r.tags.map(String);
  if (r.enabled === 'true') dep.enabled = true;
  if (Array.isArray(r['import-values']) && r['import-values'].length > 0) dep['import-values'] = r['import-values'];
  if (typeof r.alias === 'string' && r.alias) {
    if (!/^[a-zA-Z0-9-_]+$/.test(r.alias))
      throw new RepoError(`${file}: dependency "${r.name}" has an invalid alias "${r.alias}"`);
    dep.alias = r.alias;
  }
  return dep;
}

export async function loadDependencyFiles(chartDir: string): Promise<DependencyFiles> {
  const chartYamlText = await readOptional(join(chartDir, 'Chart.yaml'));
  if (chartYamlText === undefined)
    throw new RepoError(`${chartDir} is not a chart directory: Chart.yaml not found`, {
      hint: 'give the path of a chart directory',
    });
  const chart = loadYaml(chartYamlText, 'Chart.yaml');
  const apiVersion = String(chart.apiVersion ?? 'v1');
  const chartName = String(chart.name ?? '');
  const chartVersion = String(chart.version ?? '');
  let dependencies: Dependency[] = [];
  let source: DependencyFiles['source'] = 'none';
  let lockFile: string;
  if (apiVersion === 'v2') {
    lockFile = join(chartDir, 'Chart.lock');
    if (Array.isArray(chart.dependencies)) {
      dependencies = chart.dependencies.map((d) => toDependency(d, 'Chart.yaml'));
      source = 'Chart.yaml';
    }
  } else {
    lockFile = join(chartDir, 'requirements.lock');
    const requirements = await readOptional(join(chartDir, 'requirements.yaml'));
    if (requirements !== undefined) {
      const doc = loadYaml(requirements, 'requirements.yaml');
      dependencies = (Array.isArray(doc.dependencies) ? doc.dependencies : []).map((d) =>
        toDependency(d, 'requirements.yaml'),
      );
      source = 'requirements.yaml';
    }
  }
  const files: DependencyFiles = { chartDir, apiVersion, chartName, chartVersion, dependencies, source, lockFile };
  const lockText = await readOptional(lockFile);
  if (lockText !== undefined) {
    const doc = loadYaml(lockText, lockFile);
    files.lock = {
      dependencies: (Array.isArray(doc.dependencies) ? doc.dependencies : []).map((d) => {
        const r = (d ?? {}) as Record<string, unknown>;
        return { name: String(r.name ?? ''), version: String(r.version ?? ''), repository: String(r.repository ?? '') };
      }),
      digest: String(doc.digest ?? ''),
      generated: typeof doc.generated === 'string' ? doc.generated : undefined,
    };
  }
  return files;
}

/** JSON as Go's encoding/json writes it: map keys sorted, `<`, `>`, `&` escaped. */
function goJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === 'object')
      return Object.fromEntries(
        Object.keys(v)
          .sort()
          .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
      );
    return v;
  };
  return JSON.stringify(sortKeys(value))
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A dependency with Go's struct field order and omitempty rules (key order matters for the hash). */
function goDependency(d: Dependency, versionOmitEmpty: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { name: d.name };
  if (!versionOmitEmpty || d.version) out.version = d.version;
  out.repository = d.repository;
  if (d.condition) out.condition = d.condition;
  if (d.tags?.length) out.tags = d.tags;
  if (d.enabled) out.enabled = true;
  if (d['import-values']?.length) out['import-values'] = d['import-values'];
  if (d.alias) out.alias = d.alias;
  return out;
}

function orderedJson(value: unknown): string {
  // Struct fields keep declaration order; only maps inside import-values are sorted.
  if (Array.isArray(value)) return `[${value.map(orderedJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${goJson(k)}:${k === 'import-values' ? goJson(v) : orderedJson(v)}`)
      .join(',')}}`;
  }
  return goJson(value);
}

/**
 * The lock's `digest`: Helm 2 hashes the JSON of requirements.yaml as parsed; Helm 3 (v2
 * charts) hashes the JSON pair [dependencies, lock]. Matching them lets Helm's own lock files
 * pass `dependency build`'s out-of-sync check.
 */
export function dependencyDigest(
  files: Pick<DependencyFiles, 'apiVersion' | 'dependencies'>,
  locked: LockedDependency[],
): string {
  let json: string;
  if (files.apiVersion === 'v2') {
    const req = files.dependencies.map((d) => goDependency(d, true));
    const lock = locked.map((d) => goDependency(d, true));
    json = orderedJson([req, lock]);
  } else {
    json = orderedJson({ dependencies: files.dependencies.map((d) => goDependency(d, false)) });
  }
  return `sha256:${createHash('sha256').update(json).digest('hex')}`;
}

export async function writeLockFile(files: DependencyFiles, locked: LockedDependency[]): Promise<void> {
  const doc = { dependencies: locked, digest: dependencyDigest(files, locked), generated: formatGoTime(new Date()) };
  await writeFile(files.lockFile, stringify(doc, { indentSeq: false, lineWidth: 0 }));
}
