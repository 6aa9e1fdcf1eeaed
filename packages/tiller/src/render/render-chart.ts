// Renders a hapi Chart into files through @helmts/engine: the same engine registry and render
// pipeline as `helmts template`, so every chart engine (gotpl, liquid, or one loaded with
// `--engine`) renders here exactly as it does on the client. Only what Tiller adds is here: the
// render dialect's `.Release` (helm2, the default: Service "Tiller", `.Release.Time`, the revision)
// and the live cluster's capabilities.
import type { DialectName, EngineRegistry } from '@helmts/engine';
import type { TillerRenderLimits } from '../security/render-limits.js';
import { TILLER_VERSION } from '../tiller-context.js';
import type { RenderCapabilities } from '../kube/cluster-capabilities.js';
import type { Chart } from '@helmts/proto';

import { chartFromMessage } from '../chart-message.js';

interface ReleaseScope {
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
  /** default: @helmts/engine's registry of built-in engines */
  registry?: EngineRegistry;
  limits?: TillerRenderLimits;
  /** which Helm to render like: helm2 (Helm 2.17.0's Tiller, the default) or helm3 (Helm v4.1.4) */
  dialect?: DialectName;
}

/** A chart that cannot be rendered (template error, unknown engine): the user's to fix. */
export class ChartRenderError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ChartRenderError';
  }
}

/** Rendered files by path (`<chart>/templates/x.yaml`, NOTES.txt included, partials excluded). */
export async function renderChart(input: RenderChartInput): Promise<Map<string, string>> {
  // Imported here so that Tiller's start-up and its storage-only RPCs don't pay for the engines.
  const engine = await import('@helmts/engine');
  const tree = chartFromMessage(input.chart, (input.dialect ?? 'helm2') === 'helm2');
  const dialect = engine.resolveDialect(input.dialect ?? 'helm2');
  let files: Map<string, string>;
  try {
    files = await engine.renderTemplates(tree, {
      values: input.values,
      release: dialect.releaseObject({
        name: input.release.name,
        namespace: input.release.namespace,
        revision: input.release.revision,
        isInstall: input.release.isInstall,
        isUpgrade: input.release.isUpgrade,
        time: input.release.time,
      }),
      capabilities: dialect.capabilities({
        serverVersion: input.capabilities.kubeVersion.info ?? input.capabilities.kubeVersion,
        apiVersions: input.capabilities.apiVersions,
        tillerVersion: {
          semVer: TILLER_VERSION.sem_ver,
          gitCommit: TILLER_VERSION.git_commit,
          gitTreeState: TILLER_VERSION.git_tree_state,
        },
      }),
      lookup: input.lookup,
      registry: input.registry,
      limits: input.limits,
      dialect,
    });
  } catch (error) {
    // a RangeError (call stack) from a chart is the chart's fault too
    throw new ChartRenderError((error as Error).message, { cause: error });
  }
  const max = input.limits?.maxRenderedBytes;
  if (max !== undefined) {
    let total = 0;
    for (const text of files.values()) total += text.length;
    if (total > max) throw new ChartRenderError(`rendered chart is ${total} characters, over the limit of ${max}`);
  }
  return files;
}
