import { parse as parseYaml } from 'yaml';

import { ProvenanceError } from './provenance-error.js';

/**
 * The text a `.prov` file signs, as Helm writes it: the chart's metadata as YAML (ending in a newline),
 * document end marker `...` (a `---` would be taken for armor in a clear-signed message), then
 * `files:` mapping the archive's base name to `sha256:<hex>`. Helm's YAML writer ends the
 * block with a newline that the clear-signature framework does not sign; it is left out here.
 */
export function provenanceMessage(metadataYaml: string, archiveName: string, sha256Hex: string): string {
  const files = `files:\n  ${archiveName}: sha256:${sha256Hex}`;
  return `${metadataYaml}\n...\n${files}`;
}

export interface ProvenanceBody {
  metadata: Record<string, unknown>;
  files: Record<string, string>;
}

/** Splits a signed provenance text back into the metadata and the file digests. */
export function parseProvenanceMessage(text: string): ProvenanceBody {
  const parts = text.replaceAll('\r\n', '\n').split('\n...\n');
  if (parts.length < 2) throw new ProvenanceError('message block must have at least two parts');
  const metadata = (parseYaml(parts[0]) ?? {}) as Record<string, unknown>;
  const sums = (parseYaml(parts[1]) ?? {}) as { files?: Record<string, string> };
  return { metadata, files: sums.files ?? {} };
}
