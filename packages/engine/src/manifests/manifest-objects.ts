// A release manifest's objects, read as Helm 2's kube client reads them: the text is cut into
// documents where a line is `---` (k8s.io/apimachinery's YAMLReader), and each document is read by
// sigs.k8s.io/yaml (go-yaml v2's YAML 1.1 types, then JSON) into plain data.
//
// Plain data on purpose: every field goes to the API server as the chart wrote it, and the server
// decides what it means. Reading through a client library's typed models instead drops fields the
// models do not know (a field newer than the library) and renames others (a CRD schema's
// `x-kubernetes-preserve-unknown-fields` came out as `x_kubernetes_preserve_unknown_fields`, which
// the server refused); and YAML 1.2 types differ from Helm's (`0644` is octal 420 in YAML 1.1, 644
// in 1.2; `yes`, `on` and `y` are booleans, as keys too; a timestamp stays text).
//
// @helmts/goyaml's parseYaml reads each document: go-yaml v2's own scanner and parser (ported), so
// a manifest is refused exactly when Helm refuses it, with Helm's words and line. (js-yaml read them
// before, ~2x as fast, but disagreed with go-yaml on 143 of 1,246 recorded texts: tab indentation,
// `-\ta`, null keys, `...` alone and more.)
import { parseYaml, YamlParseError } from '@helmts/goyaml';

/** The documents of `text`: the parts between lines that are `---` (trailing whitespace allowed). */
export function splitYamlDocuments(text: string): string[] {
  const documents: string[] = [];
  let start = 0;
  let from = 0;
  while (from <= text.length) {
    const end = text.indexOf('\n', from);
    const lineEnd = end === -1 ? text.length : end;
    if (text.startsWith('---', from) && text.slice(from + 3, lineEnd).trim() === '') {
      if (from > start) documents.push(text.slice(start, from));
      start = end === -1 ? text.length : end + 1;
    }
    if (end === -1) break;
    from = end + 1;
  }
  if (start < text.length) documents.push(text.slice(start));
  return documents;
}

/** One document as sigs.k8s.io/yaml reads it (its first document; null when it holds nothing). */
export function readYamlDocument(text: string): unknown {
  try {
    return parseYaml(text);
  } catch (e) {
    if (e instanceof YamlParseError) throw new Error(e.message);
    throw e;
  }
}

/**
 * The objects of a manifest, in order; documents that hold nothing (only comments or whitespace) are
 * left out. Throws the YAML reader's error.
 */
export function readManifestObjects(manifest: string): unknown[] {
  const objects: unknown[] = [];
  for (const document of splitYamlDocuments(manifest)) {
    const value = readYamlDocument(document);
    if (value !== null) objects.push(value);
  }
  return objects;
}
