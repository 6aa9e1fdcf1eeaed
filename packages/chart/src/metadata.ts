import type { Dependency, Lock, Metadata } from './model.js';
import { formatGoFloat } from './yaml/go-float.js';
import { YamlFloat, YamlMap, YamlUint, type YamlNode } from './yaml/go-yaml-node.js';
import { readYamlFirstDocument, YamlReadError } from './yaml/read-yaml.js';
import { jsonKindOf, yamlKeyToString, yamlToJsonValue } from './yaml/yaml-to-json.js';

/** A Chart.yaml / requirements.yaml / lock file that could not be decoded. */
export class ChartFileDecodeError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly field?: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ChartFileDecodeError';
  }
}

type FieldKind = 'string' | 'bool' | 'strings' | 'stringMap' | 'any[]' | { struct: StructSpec; list: boolean };
interface StructSpec {
  goName: string;
  fields: Record<string, { json: string; kind: FieldKind }>;
}

const MAINTAINER: StructSpec = {
  goName: 'Maintainer',
  fields: {
    name: { json: 'name', kind: 'string' },
    email: { json: 'email', kind: 'string' },
    url: { json: 'url', kind: 'string' },
  },
};

const DEPENDENCY: StructSpec = {
  goName: 'Dependency',
  fields: {
    name: { json: 'name', kind: 'string' },
    version: { json: 'version', kind: 'string' },
    repository: { json: 'repository', kind: 'string' },
    condition: { json: 'condition', kind: 'string' },
    tags: { json: 'tags', kind: 'strings' },
    enabled: { json: 'enabled', kind: 'bool' },
    importValues: { json: 'import-values', kind: 'any[]' },
    alias: { json: 'alias', kind: 'string' },
  },
};

const METADATA: StructSpec = {
  goName: 'Metadata',
  fields: {
    name: { json: 'name', kind: 'string' },
    home: { json: 'home', kind: 'string' },
    sources: { json: 'sources', kind: 'strings' },
    version: { json: 'version', kind: 'string' },
    description: { json: 'description', kind: 'string' },
    keywords: { json: 'keywords', kind: 'strings' },
    maintainers: { json: 'maintainers', kind: { struct: MAINTAINER, list: true } },
    icon: { json: 'icon', kind: 'string' },
    apiVersion: { json: 'apiVersion', kind: 'string' },
    condition: { json: 'condition', kind: 'string' },
    tags: { json: 'tags', kind: 'string' },
    appVersion: { json: 'appVersion', kind: 'string' },
    deprecated: { json: 'deprecated', kind: 'bool' },
    annotations: { json: 'annotations', kind: 'stringMap' },
    kubeVersion: { json: 'kubeVersion', kind: 'string' },
    dependencies: { json: 'dependencies', kind: { struct: DEPENDENCY, list: true } },
    type: { json: 'type', kind: 'string' },
    tillerVersion: { json: 'tillerVersion', kind: 'string' },
    engine: { json: 'engine', kind: 'string' },
  },
};

const LOCK: StructSpec = {
  goName: 'Lock',
  fields: {
    generated: { json: 'generated', kind: 'string' },
    digest: { json: 'digest', kind: 'string' },
    dependencies: { json: 'dependencies', kind: { struct: DEPENDENCY, list: true } },
  },
};

/** sigs.k8s.io/yaml turns a scalar headed for a Go string field into its text (floats at 32-bit precision). */
function scalarAsString(node: YamlNode): YamlNode {
  if (typeof node === 'bigint') return node.toString();
  if (node instanceof YamlUint) return node.value.toString();
  if (node instanceof YamlFloat) return formatGoFloat(node.value, 32);
  if (typeof node === 'boolean') return node ? 'true' : 'false';
  return node;
}

class StructDecoder {
  constructor(private readonly file: string) {}

  private typeError(node: YamlNode, path: string, goType: string): never {
    throw new ChartFileDecodeError(
      `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKindOf(node)} into Go struct field ${path} of type ${goType}`,
      this.file,
      path.split('.').slice(1).join('.'),
    );
  }

  decodeStruct(node: YamlNode, spec: StructSpec, path: string): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (node === null) return out;
    if (!(node instanceof YamlMap)) this.typeError(node, path, spec.goName);
    const entries = Object.entries(spec.fields);
    for (const [k, v] of node.entries) {
      const key = yamlKeyToString(k);
      // Go's encoding/json: exact JSON name first, otherwise a case-insensitive match.
      const field =
        entries.find(([, f]) => f.json === key) ?? entries.find(([, f]) => f.json.toLowerCase() === key.toLowerCase());
      if (!field) continue;
      const [prop, f] = field;
      const value = this.decodeField(v, f.kind, `${path}.${f.json}`);
      if (value !== undefined) out[prop] = value;
    }
    return out;
  }

  private decodeField(node: YamlNode, kind: FieldKind, path: string): unknown {
    if (node === null) return undefined;
    switch (kind) {
      case 'string': {
        const s = scalarAsString(node);
        if (typeof s !== 'string') this.typeError(node, path, 'string');
        return s;
      }
      case 'bool':
        if (typeof node !== 'boolean') this.typeError(node, path, 'bool');
        return node;
      case 'strings':
        if (!Array.isArray(node)) this.typeError(node, path, '[]string');
        return node.map((item) => {
          const s = scalarAsString(item);
          if (s === null) return '';
          if (typeof s !== 'string') this.typeError(item, path, 'string');
          return s;
        });
      case 'stringMap': {
        if (!(node instanceof YamlMap)) this.typeError(node, path, 'map[string]string');
        const out: Record<string, string> = {};
        for (const [k, v] of node.entries) {
          const s = scalarAsString(v);
          if (s === null) continue;
          if (typeof s !== 'string') this.typeError(v, path, 'string');
          Object.defineProperty(out, yamlKeyToString(k), {
            value: s,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        }
        return out;
      }
      case 'any[]':
        if (!Array.isArray(node)) this.typeError(node, path, '[]interface {}');
        return yamlToJsonValue(node);
      default: {
        if (!kind.list) return this.decodeStruct(node, kind.struct, path);
        if (!Array.isArray(node)) this.typeError(node, path, `[]*chart.${kind.struct.goName}`);
        // a null list item stays null: Helm's Validate rejects it with a precise message
        return node.map((item) => (item === null ? null : this.decodeStruct(item, kind.struct, path)));
      }
    }
  }
}

function readStruct(text: string, file: string, spec: StructSpec): Record<string, unknown> {
  let node: YamlNode;
  try {
    node = readYamlFirstDocument(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    if (e instanceof YamlReadError) {
      throw new ChartFileDecodeError(`error converting YAML to JSON: ${e.message}`, file, undefined, e.line);
    }
    throw e;
  }
  if (node !== null && !(node instanceof YamlMap)) {
    throw new ChartFileDecodeError(
      `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKindOf(node)} into Go value of type chart.${spec.goName}`,
      file,
    );
  }
  return new StructDecoder(file).decodeStruct(node, spec, spec.goName);
}

/** Decodes Chart.yaml as Helm does (YAML -> JSON -> struct with scalar-to-string coercion, case-insensitive keys). */
export function decodeChartYaml(text: string, file = 'Chart.yaml'): Metadata {
  const m = readStruct(text, file, METADATA) as unknown as Metadata;
  m.name ??= '';
  m.version ??= '';
  m.apiVersion ??= '';
  return m;
}

/** Decodes requirements.yaml (only its `dependencies` matter). */
export function decodeRequirementsYaml(text: string, file = 'requirements.yaml'): { dependencies: Dependency[] } {
  const m = readStruct(text, file, METADATA) as { dependencies?: Dependency[] };
  return { dependencies: m.dependencies ?? [] };
}

export function decodeLockYaml(text: string, file: string): Lock {
  const l = readStruct(text, file, LOCK) as Partial<Lock>;
  return { generated: l.generated ?? '', digest: l.digest ?? '', dependencies: l.dependencies ?? [] };
}
