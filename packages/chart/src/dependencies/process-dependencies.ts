import type { Chart, Dependency } from '../model.js';
import { isCompatibleRange } from '@helmts/semver';
import { coalesceTables, coalesceValues, mergeTables, mergeValues, type WarningSink } from '../values/coalesce.js';
import { toYaml } from '../yaml/write-yaml.js';
import { copyValues, getKey, hasKey, isTable, newTable, type ValuesTable } from '../values/go-map.js';

export interface ProcessDependenciesOptions {
  onWarning?: WarningSink;
  /** as Helm 2.17: its coalescing for conditions, and imported values over the parent's (see processImportValues) */
  helm2?: boolean;
}

/** A declared dependency that is not in charts/. The message is what Helm prints after `Error: `. */
export class MissingDependenciesError extends Error {
  /** `helm2`: Helm 2.17's words (its renderutil.CheckDependencies), else today's Helm's. */
  constructor(
    readonly missing: string[],
    helm2 = false,
  ) {
    super(
      helm2
        ? `found in requirements.yaml, but missing in charts/ directory: ${missing.join(', ')}`
        : 'an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: ' +
            `found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`,
    );
    this.name = 'MissingDependenciesError';
  }
}

/** Helm's CheckDependencies (install/template/upgrade): every declared dependency must be in charts/ by name. */
export function checkDependencies(chart: Chart, opts: { helm2?: boolean } = {}): void {
  const missing = (chart.metadata.dependencies ?? [])
    .filter((d) => !chart.dependencies.some((c) => c.metadata.name === d.name))
    .map((d) => d.name);
  if (missing.length > 0) throw new MissingDependenciesError(missing, opts.helm2);
}

/** Copy of the chart tree's structure (metadata, dependency list); file contents are shared. */
function cloneTree(chart: Chart): Chart {
  return {
    ...chart,
    metadata: {
      ...chart.metadata,
      dependencies: chart.metadata.dependencies?.map((d) => ({ ...d, tags: d.tags ? [...d.tags] : undefined })),
    },
    values: copyValues(chart.values),
    dependencies: chart.dependencies.map(cloneTree),
  };
}

/** Helm's Values.PathValue: the last element must be a non-table value. */
function pathValue(values: ValuesTable, path: string): { found: boolean; value?: unknown } {
  const parts = path.split('.');
  let table: ValuesTable = values;
  for (const p of parts.slice(0, -1)) {
    const next = getKey(table, p);
    if (!isTable(next)) return { found: false };
    table = next;
  }
  const last = parts[parts.length - 1];
  if (!hasKey(table, last) || isTable(table[last])) return { found: false };
  return { found: true, value: table[last] };
}

function applyTags(deps: Dependency[], cvals: ValuesTable, warn: WarningSink): void {
  const tags = getKey(cvals, 'tags');
  if (!isTable(tags)) return;
  for (const d of deps) {
    let hasTrue = false;
    let hasFalse = false;
    for (const t of d.tags ?? []) {
      if (!hasKey(tags, t)) continue;
      const v = tags[t];
      if (typeof v === 'boolean') {
        if (v) hasTrue = true;
        else hasFalse = true;
      } else warn(`returned non-bool value: tag=${t} chart=${d.name}`);
    }
    if (!hasTrue && hasFalse) d.enabled = false;
    else d.enabled = true;
  }
}

function applyConditions(deps: Dependency[], cvals: ValuesTable, prefix: string, warn: WarningSink): void {
  for (const d of deps) {
    for (const c of (d.condition ?? '').trim().split(',')) {
      if (c.length === 0) continue;
      const r = pathValue(cvals, prefix + c);
      if (!r.found) continue;
      if (typeof r.value === 'boolean') {
        d.enabled = r.value;
        break;
      }
      warn(`returned non-bool value: path=${c} chart=${d.name}`);
    }
  }
}

function matchesRequirement(chart: Chart, d: Dependency): boolean {
  return chart.metadata.name === d.name && isCompatibleRange(d.version ?? '', chart.metadata.version);
}

function processEnabled(chart: Chart, userValues: ValuesTable, path: string, warn: WarningSink, helm2: boolean): void {
  const reqs = chart.metadata.dependencies;
  if (!reqs) return;
  // subcharts no requirement claims stay as they are, outside condition/tags processing
  const kept: Chart[] = chart.dependencies.filter((c) => !reqs.some((r) => r && matchesRequirement(c, r)));
  for (const req of reqs) {
    if (!req) continue;
    const found = chart.dependencies.find((c) => matchesRequirement(c, req));
    if (found) {
      const copy = cloneTree(found);
      if (req.alias) copy.metadata.name = req.alias;
      kept.push(copy);
    }
    if (req.alias) req.name = req.alias;
  }
  chart.dependencies = kept;
  for (const r of reqs) if (r) r.enabled = true;
  const cvals = coalesceValues(chart, userValues, { onWarning: warn, helm2 });
  applyTags(reqs, cvals, warn);
  applyConditions(reqs, cvals, path, warn);
  const disabled = new Set(reqs.filter((r) => r && !r.enabled).map((r) => r.name));
  chart.dependencies = chart.dependencies.filter((c) => !disabled.has(c.metadata.name));
  for (const sub of chart.dependencies) processEnabled(sub, cvals, `${path}${sub.metadata.name}.`, warn, helm2);
  chart.metadata.dependencies = reqs.filter((r) => r && !disabled.has(r.name));
}

function pathToMap(path: string, data: ValuesTable): ValuesTable {
  if (path === '.') return data;
  let cur: ValuesTable = data;
  const parts = path.split('.');
  for (let i = parts.length - 1; i >= 0; i--) {
    const t = newTable();
    Object.defineProperty(t, parts[i], { value: cur, enumerable: true, writable: true, configurable: true });
    cur = t;
  }
  return cur;
}

function tableAt(values: ValuesTable, path: string): ValuesTable | undefined {
  let t: unknown = values;
  for (const p of path.split('.')) {
    t = isTable(t) ? getKey(t, p) : undefined;
    if (!isTable(t)) return undefined;
  }
  return t as ValuesTable;
}

function goSprint(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

/**
 * Helm's import-values. Helm 4: the parent's own values win over imported ones (merge semantics
 * keep nulls). Helm 2.17: the imports win over the parent's values (the first import over later
 * ones), coalesced as Helm 2 coalesces, and the result becomes the chart's values.yaml.
 */
function processImportValues(chart: Chart, warn: WarningSink, helm2: boolean): void {
  const reqs = chart.metadata.dependencies;
  if (!reqs) return;
  const cvals = helm2 ? coalesceValues(chart, newTable(), { helm2 }) : mergeValues(chart, null, { onWarning: warn });
  let imported = newTable();
  const take = (t: ValuesTable) => {
    imported = helm2 ? coalesceTables(imported, t, warn, { helm2 }) : mergeTables(imported, t, warn);
  };
  for (const r of reqs) {
    const normalized: unknown[] = [];
    for (const item of r.importValues ?? []) {
      if (isTable(item)) {
        const child = goSprint(getKey(item, 'child'));
        const parent = goSprint(getKey(item, 'parent'));
        normalized.push({ child, parent });
        const t = tableAt(cvals, `${r.name}.${child}`);
        if (!t) {
          warn(`ImportValues missing table from chart ${r.name}: ${child}`);
          continue;
        }
        take(pathToMap(parent, copyValues(t)));
      } else if (typeof item === 'string') {
        const child = `exports.${item}`;
        normalized.push({ child, parent: '.' });
        const t = tableAt(cvals, `${r.name}.${child}`);
        if (!t) {
          warn(`ImportValues missing table: ${r.name}.${child}`);
          continue;
        }
        take(copyValues(t));
      }
    }
    if (r.importValues) r.importValues = normalized;
  }
  if (helm2) {
    chart.values = coalesceTables(imported, cvals, warn, { helm2 });
    chart.rawValues = toYaml(chart.values);
  } else {
    chart.values = mergeTables(copyValues(cvals), imported, warn);
  }
}

function processImportsBottomUp(chart: Chart, warn: WarningSink, helm2: boolean): void {
  for (const sub of chart.dependencies) processImportsBottomUp(sub, warn, helm2);
  processImportValues(chart, warn, helm2);
}

/**
 * Helm's ProcessDependencies on a copy of the chart tree: aliases applied, subcharts
 * disabled by `condition`/`tags` removed, `import-values` folded into the parents' values.
 * The result is the tree the engine renders. The input chart is not modified.
 */
export function processDependencies(
  chart: Chart,
  userValues: ValuesTable | null | undefined,
  opts: ProcessDependenciesOptions = {},
): Chart {
  const warn = opts.onWarning ?? (() => {});
  const tree = cloneTree(chart);
  const helm2 = opts.helm2 ?? false;
  processEnabled(tree, isTable(userValues) ? userValues : newTable(), '', warn, helm2);
  processImportsBottomUp(tree, warn, helm2);
  return tree;
}
