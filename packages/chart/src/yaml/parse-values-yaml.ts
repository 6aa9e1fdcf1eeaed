import { readKubernetesYamlDocuments, type GoYamlVersion } from '@helmts/goyaml';
import { readYamlFirstDocument, YamlReadError, type YamlReadLimits } from './read-yaml.js';
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

export interface ParseValuesOptions {
  limits?: YamlReadLimits;
  /**
   * Helm 2.17's reading (`yaml.Unmarshal`): the first document only, go-yaml v2.2's syntax. Without
   * it, helm v4's `LoadValues`: every document k8s' YAMLReader cuts (at `---` lines), each read with
   * go-yaml v2.4 (its own line numbers) and merged in order; its errors say which step failed
   * (`error reading yaml document: ...`, `cannot unmarshal yaml document: ...`).
   */
  helm2?: boolean;
  /** helm v4's ReadValues (lint's values check): its first document only, go-yaml v2.4's syntax. */
  firstDocumentOnly?: boolean;
  /** The Go type the table is decoded into, named in a type error (Helm 2's chart values: `chartutil.Values`). */
  goType?: string;
}

/**
 * Parses a values file as Helm does (sigs.k8s.io/yaml over go-yaml v2): YAML 1.1 booleans
 * (`yes`, `on`, `y`...), every number a float64, duplicate keys allowed (last wins), an empty file
 * giving `{}`; which documents count is the Helm's (see `helm2`). Errors name the file.
 */
export function parseValuesYaml(text: string, filename = 'values.yaml', opts: ParseValuesOptions = {}): ValuesTable {
  const goType = opts.goType ?? 'map[string]interface {}';
  if (opts.helm2 || opts.firstDocumentOnly)
    return readValuesDocument(text, filename, opts.limits, opts.helm2 ? 'v2.2' : 'v2.4', goType, '') ?? newTable();
  const { documents, separatorError } = readKubernetesYamlDocuments(text);
  let values = newTable();
  for (const document of documents) {
    const table = readValuesDocument(
      document,
      filename,
      opts.limits,
      'v2.4',
      goType,
      'cannot unmarshal yaml document: ',
    );
    if (table) values = mergeMaps(values, table);
  }
  if (separatorError !== undefined)
    throw new ValuesParseError(`${filename}: error reading yaml document: ${separatorError}`, filename);
  return values;
}

/** One document as sigs.k8s.io/yaml.Unmarshal reads it into a map (null when it holds nothing). */
function readValuesDocument(
  text: string,
  filename: string,
  limits: YamlReadLimits | undefined,
  version: GoYamlVersion,
  goType: string,
  step: string,
): ValuesTable | null {
  let node: YamlNode;
  try {
    node = readYamlFirstDocument(text, limits, version);
  } catch (e) {
    if (e instanceof YamlReadError)
      throw new ValuesParseError(`${filename}: ${step}error converting YAML to JSON: ${e.message}`, filename, e.line);
    throw e;
  }
  if (node === null) return null;
  if (!(node instanceof YamlMap)) {
    throw new ValuesParseError(
      `${filename}: ${step}error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKindOf(node)} into Go value of type ${goType}`,
      filename,
    );
  }
  try {
    return yamlToJsonValue(node) as ValuesTable;
  } catch (e) {
    throw new ValuesParseError(`${filename}: ${step}error converting YAML to JSON: ${(e as Error).message}`, filename);
  }
}
