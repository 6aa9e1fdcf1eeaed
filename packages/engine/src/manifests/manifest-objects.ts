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
// js-yaml parses the syntax and @helmts/goyaml's plainScalarJson types each plain scalar as go-yaml
// v2 and sigs.k8s.io/yaml's JSON leg do. (@helmts/goyaml's own reader, which `fromYaml` uses, gives
// the same data but is built for exact error texts and took 6x as long: 11-14 ms for a manifest of
// 100 ConfigMaps, read on every install, upgrade and delete.)
import yaml from 'js-yaml';
import { plainScalarJson } from '@helmts/goyaml';

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

// An explicitly tagged scalar gets go-yaml v2's typing of its text (`!!int "2"` is 2); `!!str` is the
// failsafe schema's own. Go refuses a tag its text does not fit (`!!bool "2"`); here the text's own
// type wins instead (2), so such a manifest applies rather than failing.
const explicitType = (tag: string) =>
  new yaml.Type(`tag:yaml.org,2002:${tag}`, { kind: 'scalar', construct: (data: string) => plainScalarJson(data) });

const GO_YAML_V2 = yaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    // `<<` first: the merge key; then every other plain scalar, typed by go-yaml v2's rules
    new yaml.Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (data: string | null) => data === '<<' }),
    new yaml.Type('tag:helmts,go-yaml-v2:plain', {
      kind: 'scalar',
      resolve: () => true,
      construct: (data: string | null) => plainScalarJson(data ?? ''),
    }),
  ],
  explicit: [
    ...['int', 'float', 'bool', 'null', 'timestamp'].map(explicitType),
    new yaml.Type('tag:yaml.org,2002:binary', {
      kind: 'scalar',
      construct: (data: string) => Buffer.from(data.replace(/\s+/g, ''), 'base64').toString('latin1'),
    }),
  ],
});

/** One document as sigs.k8s.io/yaml reads it (its first document; null when it holds nothing). */
export function readYamlDocument(text: string): unknown {
  let first: unknown = null;
  let seen = false;
  try {
    // duplicate keys: the last one wins, as in go-yaml v2 (js-yaml's `json` mode)
    yaml.loadAll(
      text,
      (doc) => {
        if (!seen) first = doc ?? null;
        seen = true;
      },
      { schema: GO_YAML_V2, json: true },
    );
  } catch (e) {
    // one line, worded as sigs.k8s.io/yaml words it (js-yaml's message quotes the lines around)
    if (!(e instanceof yaml.YAMLException)) throw e;
    const line = e.mark ? `line ${e.mark.line + 1}: ` : '';
    throw new Error(`error converting YAML to JSON: yaml: ${line}${e.reason}`);
  }
  return first;
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
