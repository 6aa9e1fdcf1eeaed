/**
 * A chart archive as the OCI artifact Helm (3.8 and later) pushes: the config is the chart's
 * metadata as JSON (`application/vnd.cncf.helm.config.v1+json`), the one layer is the `.tgz`
 * itself, and the manifest's annotations are the `org.opencontainers.image.*` ones Helm derives
 * from Chart.yaml (plus the chart's own annotations). Written field for field as Helm's Go
 * structs marshal, so `helm push` and `helmts push` of the same archive give the same digest.
 */
import type { Metadata } from '@helmts/chart';
import { goJson, type Artifact } from '@helmts/oci-image';

export const HELM_MEDIA_TYPES = {
  config: 'application/vnd.cncf.helm.config.v1+json',
  chart: 'application/vnd.cncf.helm.chart.content.v1.tar+gzip',
  provenance: 'application/vnd.cncf.helm.chart.provenance.v1.prov',
} as const;

const nonEmpty = <T>(value: T): T | undefined =>
  value === undefined ||
  value === null ||
  value === '' ||
  value === false ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0)
    ? undefined
    : value;

/** Helm's chart.Metadata as encoding/json writes it (its field order, omitempty; Helm 2's engine and tillerVersion are not in it). */
function helmChartConfig(metadata: Metadata): string {
  const dependencies = metadata.dependencies?.map((d) => ({
    name: d.name,
    version: nonEmpty(d.version),
    repository: d.repository,
    condition: nonEmpty(d.condition),
    tags: nonEmpty(d.tags),
    enabled: nonEmpty(d.enabled),
    'import-values': nonEmpty(d.importValues),
    alias: nonEmpty(d.alias),
  }));
  return goJson({
    name: nonEmpty(metadata.name),
    home: nonEmpty(metadata.home),
    sources: nonEmpty(metadata.sources),
    version: nonEmpty(metadata.version),
    description: nonEmpty(metadata.description),
    keywords: nonEmpty(metadata.keywords),
    maintainers: nonEmpty(
      metadata.maintainers?.map((m) => ({ name: nonEmpty(m.name), email: nonEmpty(m.email), url: nonEmpty(m.url) })),
    ),
    icon: nonEmpty(metadata.icon),
    apiVersion: nonEmpty(metadata.apiVersion),
    condition: nonEmpty(metadata.condition),
    tags: nonEmpty(metadata.tags),
    appVersion: nonEmpty(metadata.appVersion),
    deprecated: nonEmpty(metadata.deprecated),
    annotations: nonEmpty(metadata.annotations),
    kubeVersion: nonEmpty(metadata.kubeVersion),
    dependencies: nonEmpty(dependencies),
    type: nonEmpty(metadata.type),
  });
}

/** Go's time.Time in RFC 3339 at whole seconds, UTC (`2021-03-04T05:06:07Z`). */
function rfc3339Seconds(time: Date): string {
  return time.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The manifest annotations: description, title (name), version, url (home), source (first of
 * sources), authors (`Name (email)`, comma-separated), created (the archive's modification
 * time); the chart's own annotations then win, except over title and version.
 */
function helmChartAnnotations(metadata: Metadata, created: Date): Record<string, string> {
  const authors = (metadata.maintainers ?? [])
    .map((m) => `${m.name ?? ''}${m.email ? ` (${m.email})` : ''}`)
    .filter((a) => a.trim() !== '')
    .join(', ');
  const annotations: Record<string, string> = {
    'org.opencontainers.image.description': metadata.description ?? '',
    'org.opencontainers.image.title': metadata.name,
    'org.opencontainers.image.version': metadata.version,
    'org.opencontainers.image.created': rfc3339Seconds(created),
    'org.opencontainers.image.url': metadata.home ?? '',
    'org.opencontainers.image.source': metadata.sources?.[0] ?? '',
    'org.opencontainers.image.authors': authors,
  };
  for (const [key, value] of Object.entries(metadata.annotations ?? {})) {
    if (key === 'org.opencontainers.image.title' || key === 'org.opencontainers.image.version') continue;
    annotations[key] = value;
  }
  return Object.fromEntries(Object.entries(annotations).filter(([, v]) => v.trim() !== ''));
}

/** The artifact for a chart archive whose metadata has been read, modified at `created`. */
export function helmChartArtifact(archive: Buffer, metadata: Metadata, created: Date, provenance?: Buffer): Artifact {
  return {
    config: { mediaType: HELM_MEDIA_TYPES.config, data: Buffer.from(helmChartConfig(metadata), 'utf8') },
    layers: [
      { mediaType: HELM_MEDIA_TYPES.chart, data: archive },
      ...(provenance ? [{ mediaType: HELM_MEDIA_TYPES.provenance, data: provenance }] : []),
    ],
    annotations: helmChartAnnotations(metadata, created),
  };
}
