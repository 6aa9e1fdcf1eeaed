import { readYamlDocuments, YamlReadError, type YamlReadLimits } from './read-yaml.js';
import { jsonKindOf, yamlToJsonValue } from './yaml-to-json.js';
import { isTable, newTable, setKey, getKey, type ValuesTable } from '../values/go-map.js';
import { YamlMap, type YamlNode } from './go-yaml-node.js';

/** A values file that could not be read; the message names the file (and line when known). */
export class ValuesParseError extends Error {
  constructor(
    message: string,
    readonly filename: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ValuesParseError';
  }
}

/** Helm's MergeMaps: maps merge recursively, anything else in `b` replaces. */
export function mergeMaps(a: ValuesTable, b: ValuesTable): ValuesTable {
  const out = newTable();
  for (const k of Object.keys(a)) setKey(out, k, a[k]);
  for (const k of Object.keys(b)) {
    const v = b[k];
    const existing = getKey(out, k);
    if (isTable(v) && isTable(existing)) setKey(out, k, mergeMaps(existing, v));
    else setKey(out, k, v);
  }
  return out;
}

/** Splits a stream on `---` lines the way Kubernetes' YAMLReader does (Helm reads values that way). */
function splitDocuments(text: string): string[] {
  const docs: string[] = [];
  let current: string[] = [];
  for (const line of text.split('\n')) {
    if (/^---(\s.*)?$/.test(line.replace(/\r$/, ''))) {
      docs.push(current.join('\n'));
      current = [];
      continue;
    }
    current.push(line);
  }
  docs.push(current.join('\n'));
  return docs;
}

function lineOffset(docs: string[], index: number): number {
  let n = 0;
  for (let i = 0; i < index; i++) n += docs[i].split('\n').length + 1;
  return n;
}

/**
 * Parses a values file as Helm does (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1 booleans
 * (`yes`, `on`, `y`...), every number a float64, duplicate keys allowed (last wins), several
 * `---` documents merged in order, an empty file giving `{}`. Errors name the file and line.
 */
export function parseValuesYaml(text: string, filename = 'values.yaml', limits?: YamlReadLimits): ValuesTable {
  const body = text.replace(/^\uFEFF/, '');
  const docs = splitDocuments(body);
  let values = newTable();
  for (let i = 0; i < docs.length; i++) {
    let nodes: YamlNode[];
    try {
      nodes = readYamlDocuments(docs[i], limits);
    } catch (e) {
      if (e instanceof YamlReadError) {
        const line = e.line !== undefined ? e.line + lineOffset(docs, i) : undefined;
        const msg = line !== undefined ? e.message.replace(/^yaml: line \d+:/, `yaml: line ${line}:`) : e.message;
        throw new ValuesParseError(`${filename}: error converting YAML to JSON: ${msg}`, filename, line);
      }
      throw e;
    }
    const node = nodes.length > 0 ? nodes[0] : null;
    if (node === null) continue;
    if (!(node instanceof YamlMap)) {
      throw new ValuesParseError(
        `${filename}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKindOf(node)} into Go value of type map[string]interface {}`,
        filename,
      );
    }
    let doc: unknown;
    try {
      doc = yamlToJsonValue(node);
    } catch (e) {
      throw new ValuesParseError(`${filename}: error converting YAML to JSON: ${(e as Error).message}`, filename);
    }
    values = mergeMaps(values, doc as ValuesTable);
  }
  return values;
}
