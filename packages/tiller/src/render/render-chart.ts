// Renders a hapi Chart into files. The template engine comes from @helmts/engine (loaded at run
// time, so Tiller still builds while that package is being written); when it cannot be loaded,
// plain Go text/template from @helmts/gotemplate renders instead (no Sprig/Helm functions).
import type { Chart } from '@helmts/proto';
import { TemplateSet, defineGoFunc } from '@helmts/gotemplate';

export interface KubeVersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
}

export interface RenderCapabilities {
  kubeVersion: KubeVersionInfo;
  apiVersions: string[];
}

export interface ReleaseScope {
  name: string;
  namespace: string;
  revision: number;
  isInstall: boolean;
  isUpgrade: boolean;
  time: Date;
}

export type LookupFn = (apiVersion: string, kind: string, namespace: string, name: string) => Record<string, unknown>;

export interface RenderChartInput {
  chart: Chart;
  /** coalesced values of the whole tree */
  values: Record<string, unknown>;
  release: ReleaseScope;
  capabilities: RenderCapabilities;
  lookup?: LookupFn;
}

export class ChartRenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ChartRenderError';
  }
}

interface TreeFile {
  name: string;
  data: Uint8Array;
}

interface ChartTreeLike {
  metadata: Record<string, unknown> & { name: string };
  templates: TreeFile[];
  files: TreeFile[];
  dependencies: ChartTreeLike[];
}

interface ScopeLike {
  chart: ChartTreeLike;
  path: string;
  objects: Record<string, unknown>;
  isRoot: boolean;
}

interface EngineModule {
  GotplEngine: new () => { render(o: { scopes: ScopeLike[]; lookup?: LookupFn }): Map<string, string> | Promise<Map<string, string>> };
  makeCapabilities(o: { kubeVersion?: string; apiVersions?: readonly string[] }): unknown;
  makeChartFiles(entries: Iterable<TreeFile>): unknown;
  makeChartObject(meta: Record<string, unknown>, isRoot: boolean): Record<string, unknown>;
}

let enginePromise: Promise<EngineModule | null> | undefined;

/** The @helmts/engine module, or null if it cannot be loaded (reason kept in `engineLoadError`). */
export let engineLoadError: string | undefined;
function loadEngine(): Promise<EngineModule | null> {
  const specifier = process.env.HELMTS_TILLER_ENGINE ?? '@helmts/engine';
  enginePromise ??= import(specifier).then(
    (m: EngineModule) => (typeof m.GotplEngine === 'function' ? m : null),
    (e: Error) => {
      engineLoadError = e.message;
      return null;
    },
  );
  return enginePromise;
}

function toTree(chart: Chart): ChartTreeLike {
  const md = chart.metadata;
  return {
    metadata: {
      name: md?.name ?? '',
      version: md?.version ?? '',
      apiVersion: md?.apiVersion ?? '',
      appVersion: md?.appVersion ?? '',
      description: md?.description ?? '',
      home: md?.home ?? '',
      icon: md?.icon ?? '',
      sources: md?.sources ?? [],
      keywords: md?.keywords ?? [],
      maintainers: md?.maintainers ?? [],
      annotations: md?.annotations ?? {},
      kubeVersion: md?.kubeVersion ?? '',
      condition: md?.condition ?? '',
      tags: md?.tags ?? '',
      deprecated: md?.deprecated ?? false,
      engine: md?.engine ?? '',
    },
    templates: (chart.templates ?? []).map((t) => ({ name: t.name, data: t.data })),
    files: (chart.files ?? []).map((f) => ({ name: f.type_url, data: f.value })),
    dependencies: (chart.dependencies ?? []).map(toTree),
  };
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function goChartObject(meta: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(meta)) out[k.charAt(0).toUpperCase() + k.slice(1)] = v;
  out.ApiVersion = meta.apiVersion;
  return out;
}

function buildScopes(root: ChartTreeLike, input: RenderChartInput, engine: EngineModule | null): ScopeLike[] {
  const release = {
    Name: input.release.name,
    Namespace: input.release.namespace,
    Revision: input.release.revision,
    IsInstall: input.release.isInstall,
    IsUpgrade: input.release.isUpgrade,
    Service: 'Tiller',
    Time: { Seconds: Math.floor(input.release.time.getTime() / 1000), Nanos: (input.release.time.getTime() % 1000) * 1e6 },
  };
  const kv = input.capabilities.kubeVersion;
  const capabilities = engine
    ? engine.makeCapabilities({ kubeVersion: kv.gitVersion, apiVersions: input.capabilities.apiVersions })
    : { KubeVersion: { Major: kv.major, Minor: kv.minor, GitVersion: kv.gitVersion }, APIVersions: input.capabilities.apiVersions };
  const scopes: ScopeLike[] = [];
  const visit = (chart: ChartTreeLike, path: string, values: Record<string, unknown>, isRoot: boolean) => {
    scopes.push({
      chart,
      path,
      isRoot,
      objects: {
        Chart: engine ? engine.makeChartObject(chart.metadata, isRoot) : goChartObject(chart.metadata),
        Files: engine ? engine.makeChartFiles(chart.files) : Object.fromEntries(chart.files.map((f) => [f.name, f.data])),
        Values: values,
        Release: release,
        Capabilities: capabilities,
      },
    });
    for (const dep of chart.dependencies) {
      const section = values[dep.metadata.name];
      visit(dep, `${path}/charts/${dep.metadata.name}`, isMap(section) ? section : {}, false);
    }
  };
  visit(root, root.metadata.name, input.values, true);
  return scopes;
}

function renderWithGoTemplates(scopes: ScopeLike[], lookup?: LookupFn): Map<string, string> {
  const set = new TemplateSet({ missingKey: 'zero' });
  set.addFuncs({ lookup: defineGoFunc((a: string, k: string, ns: string, n: string) => (lookup ? lookup(a, k, ns, n) : {}), { params: 4, types: ['string', 'string', 'string', 'string'] }) });
  const entries: { path: string; text: string; scope: ScopeLike }[] = [];
  const utf8 = new TextDecoder();
  for (const scope of scopes) {
    for (const t of scope.chart.templates) entries.push({ path: `${scope.path}/${t.name}`, text: utf8.decode(t.data), scope });
  }
  for (const e of entries) set.parse(e.path, e.text);
  const out = new Map<string, string>();
  for (const e of entries) {
    if (e.path.slice(e.path.lastIndexOf('/') + 1).startsWith('_')) continue;
    const data = { ...e.scope.objects, Template: { Name: e.path, BasePath: `${e.scope.path}/templates` } };
    out.set(e.path, set.execute(e.path, data).split('<no value>').join(''));
  }
  return out;
}

/** Renders every template of the chart tree: template path → text. */
export async function renderChart(input: RenderChartInput): Promise<Map<string, string>> {
  const engine = await loadEngine();
  const root = toTree(input.chart);
  const scopes = buildScopes(root, input, engine);
  try {
    if (engine) return await new engine.GotplEngine().render({ scopes, lookup: input.lookup });
    return renderWithGoTemplates(scopes, input.lookup);
  } catch (e) {
    throw new ChartRenderError((e as Error).message);
  }
}
