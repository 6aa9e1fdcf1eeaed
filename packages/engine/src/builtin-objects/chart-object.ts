/**
 * `.Chart`: Helm 4 passes the chart metadata as a map keyed by the Go struct field names
 * (structToMap): Name, Version, AppVersion, APIVersion, ... plus IsRoot. Missing string fields are
 * "", missing lists are empty lists, missing maps are nil maps (printed `map[]`).
 */
import type { ChartMetadataLike } from '../chart-tree.js';
import { GoStructJSON } from './go-struct-json.js';

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

/** Go's strconv.Quote-like quoting used by protobuf's text format. */
function protoQuote(s: string): string {
  return JSON.stringify(s);
}

/**
 * Helm 2's `.Chart`: the hapi chart.Metadata protobuf message, a Go struct (so an unknown field
 * is an error): Go field names, JSON with the proto's omitempty names, printed in protobuf's
 * compact text form.
 */
export class Helm2ChartMetadata {
  static readonly goTypeName = '*chart.Metadata';
  readonly Name: string;
  readonly Home: string;
  readonly Sources: string[];
  readonly Version: string;
  readonly Description: string;
  readonly Keywords: string[];
  readonly Maintainers: Array<{ Name: string; Email: string; Url: string }>;
  readonly Engine: string;
  readonly Icon: string;
  readonly ApiVersion: string;
  readonly Condition: string;
  readonly Tags: string;
  readonly AppVersion: string;
  readonly Deprecated: boolean;
  readonly TillerVersion: string;
  readonly Annotations: Record<string, string>;
  readonly KubeVersion: string;

  constructor(meta: ChartMetadataLike) {
    const s = (v: unknown): string => (typeof v === 'string' ? v : '');
    this.Name = s(meta.name);
    this.Home = s(meta.home);
    this.Sources = Array.isArray(meta.sources) ? [...meta.sources] : [];
    this.Version = s(meta.version);
    this.Description = s(meta.description);
    this.Keywords = Array.isArray(meta.keywords) ? [...meta.keywords] : [];
    this.Maintainers = Array.isArray(meta.maintainers)
      ? meta.maintainers.map((x) => ({ Name: s(x?.name), Email: s(x?.email), Url: s(x?.url) }))
      : [];
    this.Engine = s(meta.engine);
    this.Icon = s(meta.icon);
    this.ApiVersion = s(meta.apiVersion);
    this.Condition = s(meta.condition);
    this.Tags = s(meta.tags);
    this.AppVersion = s(meta.appVersion);
    this.Deprecated = meta.deprecated === true;
    this.TillerVersion = s((meta as { tillerVersion?: unknown }).tillerVersion);
    this.Annotations = meta.annotations ? { ...meta.annotations } : {};
    this.KubeVersion = s(meta.kubeVersion);
  }

  /** [proto name, value] of the set fields, in the message's field order */
  private fields(): Array<[string, unknown]> {
    return [
      ['name', this.Name],
      ['home', this.Home],
      ['sources', this.Sources],
      ['version', this.Version],
      ['description', this.Description],
      ['keywords', this.Keywords],
      ['maintainers', this.Maintainers],
      ['engine', this.Engine],
      ['icon', this.Icon],
      ['apiVersion', this.ApiVersion],
      ['condition', this.Condition],
      ['tags', this.Tags],
      ['appVersion', this.AppVersion],
      ['deprecated', this.Deprecated],
      ['tillerVersion', this.TillerVersion],
      ['annotations', this.Annotations],
      ['kubeVersion', this.KubeVersion],
    ];
  }

  String(): string {
    let out = '';
    for (const [name, v] of this.fields()) {
      if (v === '' || v === false) continue;
      if (name === 'maintainers') {
        for (const m of v as Helm2ChartMetadata['Maintainers']) {
          let inner = '';
          if (m.Name) inner += `name:${protoQuote(m.Name)} `;
          if (m.Email) inner += `email:${protoQuote(m.Email)} `;
          if (m.Url) inner += `url:${protoQuote(m.Url)} `;
          out += `maintainers:<${inner}> `;
        }
      } else if (name === 'annotations') {
        for (const k of Object.keys(v as object).sort())
          out += `annotations:<key:${protoQuote(k)} value:${protoQuote((v as Record<string, string>)[k])} > `;
      } else if (Array.isArray(v)) {
        for (const x of v) out += `${name}:${protoQuote(String(x))} `;
      } else out += `${name}:${typeof v === 'string' ? protoQuote(v) : String(v)} `;
    }
    return out;
  }

  toGoJSON(): GoStructJSON {
    const out: Record<string, unknown> = {};
    for (const [name, v] of this.fields()) {
      if (v === '' || v === false || (Array.isArray(v) && v.length === 0)) continue;
      if (name === 'annotations' && Object.keys(v as object).length === 0) continue;
      if (name === 'maintainers') {
        out[name] = (v as Helm2ChartMetadata['Maintainers']).map((m) => {
          const o: Record<string, string> = {};
          if (m.Name) o.name = m.Name;
          if (m.Email) o.email = m.Email;
          if (m.Url) o.url = m.Url;
          return new GoStructJSON(o);
        });
      } else out[name] = v;
    }
    return new GoStructJSON(out);
  }
}
