import { readYamlDocument } from '@helmts/engine/manifest-objects';

/** One Kubernetes object of a release manifest, keyed the way diffs name it. */
export interface ManifestObject {
  /** `apiVersion/kind namespace/name` (namespace empty for cluster-scoped or defaulted objects). */
  key: string;
  apiVersion: string;
  kind: string;
  name: string;
  namespace?: string;
  source?: string;
  body: Record<string, unknown>;
}

/**
 * Splits a release manifest (`---` documents with `# Source:` lines) into its objects, each read as
 * Tiller reads it to apply it (go-yaml v2's YAML 1.1: `0640` is 416, a key `n` is "false"), so what
 * is compared is what the API server was sent.
 */
export function manifestObjects(manifest: string): Map<string, ManifestObject> {
  const objects = new Map<string, ManifestObject>();
  for (const doc of manifest.split(/^---\s*$/m)) {
    const source = /^# Source: (.+)$/m.exec(doc)?.[1];
    const body = readYamlDocument(doc) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object' || !body.kind) continue;
    const metadata = (body.metadata ?? {}) as { name?: string; namespace?: string };
    const apiVersion = String(body.apiVersion ?? '');
    const kind = String(body.kind);
    const name = String(metadata.name ?? '');
    const key = `${apiVersion}/${kind} ${metadata.namespace ? `${metadata.namespace}/` : ''}${name}`;
    objects.set(key, { key, apiVersion, kind, name, namespace: metadata.namespace, source, body });
  }
  return objects;
}
