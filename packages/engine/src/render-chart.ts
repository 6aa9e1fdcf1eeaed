/**
 * The render pipeline shared by `helmts template` and Tiller: scopes → engines → NOTES extraction →
 * hooks and kind-sorted manifests (Helm 4's renderResources).
 */
import type { ChartTree } from './chart-tree.js';
import type { LookupFunction, RenderedTemplates, ChartScope, Engine, RenderLimits } from './engine.js';
import { EngineRegistry } from './engine-registry.js';
import { buildScopes } from './render-scopes.js';
import { extractNotes } from './manifests/extract-notes.js';
import type { RenderedChart } from './manifests/rendered-chart.js';
import { resolveDialect } from './dialects/index.js';
import type { DialectName, RenderDialect } from './dialects/render-dialect.js';

export interface RenderChartOptions {
  /** the coalesced values of the tree */
  values: Record<string, unknown>;
  /** the `.Release` object (see makeReleaseObject) */
  release: Record<string, unknown>;
  /** the `.Capabilities` object (see makeCapabilities) */
  capabilities: unknown;
  registry?: EngineRegistry;
  lookup?: LookupFunction;
  lintMode?: boolean;
  /** receives what lint mode logs instead of failing (Helm 2: `[INFO] Missing required value: ...`) */
  warn?: (message: string) => void;
  strict?: boolean;
  /** render subcharts' NOTES.txt too (Helm's --render-subchart-notes) */
  subchartNotes?: boolean;
  /** bounds handed to every engine (Tiller sets them) */
  limits?: RenderLimits;
  /**
   * which Helm to render like (default `helm3`); the `.Release` and `.Capabilities` passed in
   * should come from the same dialect (its releaseObject / capabilities)
   */
  dialect?: DialectName | RenderDialect;
}

export { extractNotes };
export type { RenderedChart };

let sharedRegistry: EngineRegistry | undefined;

export function defaultEngineRegistry(): EngineRegistry {
  sharedRegistry ??= EngineRegistry.withBuiltins();
  return sharedRegistry;
}

/** Renders every template of the tree with the engine each chart asks for. */
export async function renderTemplates(tree: ChartTree, options: RenderChartOptions): Promise<RenderedTemplates> {
  const registry = options.registry ?? defaultEngineRegistry();
  const dialect = resolveDialect(options.dialect);
  const scopes = buildScopes(tree, {
    values: options.values,
    release: options.release,
    capabilities: options.capabilities,
    dialect,
  });
  const byEngine = new Map<Engine, ChartScope[]>();
  for (const scope of scopes) {
    const engine = registry.forChart(scope.chart.metadata.name, scope.chart.metadata.engine);
    const list = byEngine.get(engine) ?? [];
    list.push(scope);
    byEngine.set(engine, list);
  }
  const all: RenderedTemplates = new Map();
  for (const [engine, engineScopes] of byEngine) {
    const out = await engine.render({
      scopes: engineScopes,
      lookup: options.lookup,
      lintMode: options.lintMode,
      warn: options.warn,
      strict: options.strict,
      limits: options.limits,
      dialect,
    });
    for (const [k, v] of out) all.set(k, v);
  }
  return all;
}

export async function renderChart(tree: ChartTree, options: RenderChartOptions): Promise<RenderedChart> {
  const files = await renderTemplates(tree, options);
  const dialect = resolveDialect(options.dialect);
  return extractNotes(files, tree.metadata.name, options.subchartNotes ?? false, dialect.sortManifests);
}
