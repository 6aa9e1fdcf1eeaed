import { formatGoFloat } from './go-float.js';
import { YamlFloat, YamlMap, YamlUint, type YamlNode } from './go-yaml-node.js';
import { newTable, setKey, type ValuesTable } from '../values/go-map.js';
import { YamlReadError } from './read-yaml.js';

/** sigs.k8s.io/yaml's stringification of a non-string map key. */
export function yamlKeyToString(key: YamlNode): string {
  if (typeof key === 'string') return key;
  if (typeof key === 'bigint') return key.toString();
  if (typeof key === 'boolean') return key ? 'true' : 'false';
  if (key instanceof YamlFloat) {
    const s = formatGoFloat(key.value, 32);
    return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
  }
  const type = key === null ? '<nil>' : key instanceof YamlUint ? 'uint64' : 'collection';
  throw new YamlReadError(`unsupported map key of type: ${type}`);
}

/**
 * The JSON round trip sigs.k8s.io/yaml performs: every number becomes a float64 (a JS
 * number), keys become strings, duplicate keys keep the last value. NaN and infinities
 * cannot be encoded as JSON, which Helm reports as an error too.
 */
export function yamlToJsonValue(node: YamlNode): unknown {
  if (node === null || typeof node === 'boolean' || typeof node === 'string') return node;
  if (typeof node === 'bigint') return Number(node);
  if (node instanceof YamlUint) return Number(node.value);
  if (node instanceof YamlFloat) {
    if (!Number.isFinite(node.value)) {
      throw new YamlReadError(`json: unsupported value: ${formatGoFloat(node.value)}`);
    }
    return node.value;
  }
  if (Array.isArray(node)) return node.map(yamlToJsonValue);
  const out: ValuesTable = newTable();
  for (const [k, v] of (node as YamlMap).entries) setKey(out, yamlKeyToString(k), yamlToJsonValue(v));
  return out;
}

/** Go's %T-ish kind of a decoded YAML node for "cannot unmarshal X into ..." messages. */
export function jsonKindOf(node: YamlNode): string {
  if (node === null) return 'null';
  if (typeof node === 'boolean') return 'bool';
  if (typeof node === 'string') return 'string';
  if (typeof node === 'bigint' || node instanceof YamlUint || node instanceof YamlFloat) return 'number';
  if (Array.isArray(node)) return 'array';
  return 'object';
}
