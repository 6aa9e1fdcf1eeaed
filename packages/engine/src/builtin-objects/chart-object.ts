/**
 * `.Chart`: Helm 4 passes the chart metadata as a map keyed by the Go struct field names
 * (structToMap): Name, Version, AppVersion, APIVersion, ... plus IsRoot. Missing string fields are
 * "", missing lists are empty lists, missing maps are nil maps (printed `map[]`).
 */
import type { ChartMetadataLike } from '../chart-tree.js';

function maintainerMap(m: { name?: string; email?: string; url?: string }): Record<string, unknown> {
  return { Name: m.name ?? '', Email: m.email ?? '', URL: m.url ?? '' };
}

function dependencyMap(d: Record<string, unknown>): Record<string, unknown> {
  const str = (k: string): string => (typeof d[k] === 'string' ? (d[k] as string) : '');
  return {
    Name: str('name'),
    Version: str('version'),
    Repository: str('repository'),
    Condition: str('condition'),
    Tags: Array.isArray(d.tags) ? [...d.tags] : [],
    Enabled: d.enabled === true,
    ImportValues: Array.isArray(d.importValues)
      ? [...d.importValues]
      : Array.isArray(d['import-values'])
        ? [...(d['import-values'] as unknown[])]
        : [],
    Alias: str('alias'),
  };
}

export function makeChartObject(meta: ChartMetadataLike, isRoot: boolean): Record<string, unknown> {
  const s = (v: unknown): string => (typeof v === 'string' ? v : '');
  return {
    Name: s(meta.name),
    Home: s(meta.home),
    Sources: Array.isArray(meta.sources) ? [...meta.sources] : [],
    Version: s(meta.version),
    Description: s(meta.description),
    Keywords: Array.isArray(meta.keywords) ? [...meta.keywords] : [],
    Maintainers: Array.isArray(meta.maintainers) ? meta.maintainers.map((m) => maintainerMap(m ?? {})) : [],
    Icon: s(meta.icon),
    APIVersion: s(meta.apiVersion),
    Condition: s(meta.condition),
    Tags: s(meta.tags),
    AppVersion: s(meta.appVersion),
    Deprecated: meta.deprecated === true,
    Annotations: meta.annotations ? { ...meta.annotations } : {},
    KubeVersion: s(meta.kubeVersion),
    Dependencies: Array.isArray(meta.dependencies)
      ? meta.dependencies.map((d) => dependencyMap(d as Record<string, unknown>))
      : [],
    Type: s(meta.type),
    IsRoot: isRoot,
  };
}
