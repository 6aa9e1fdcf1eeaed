/**
 * sigs.k8s.io/yaml Marshal as Helm's toYaml uses it: the value is encoded as Go's encoding/json
 * would, read back by go-yaml v2 (which picks int or float per number), then written by go-yaml v2.
 */
import type { YamlNode } from './node.js';
import { NULL_NODE } from './node.js';
import { GoYamlEmitter } from './emitter.js';
import { formatGoJsonFloat } from './go-float.js';
import { resolvePlain } from './resolve.js';
import { compareGoYamlKeys } from './key-order.js';
import { marshalYamlDirect } from './direct-yaml.js';

export class YamlMarshalError extends Error {}

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** A lone UTF-16 surrogate is invalid UTF-8 in Go; encoding/json writes U+FFFD for it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function toValidUnicode(s: string): string {
  return s.replace(LONE_SURROGATE, '\uFFFD');
}

// Characters encoding/json writes unescaped but go-yaml's reader refuses (C1 controls, DEL,
// U+FFFE/U+FFFF): the YAML leg of the round trip fails.
const YAML_UNREADABLE = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;
// encoding/json leaves NEL raw; go-yaml reads it as a line break inside the double-quoted JSON
// string and folds it (with surrounding spaces) like any flow scalar line break.
const FOLDED_NEL = /[ ]*(?:\u0085[ ]*)+/g;

/** The string go-yaml v2 reads back from encoding/json's encoding of s. */
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function jsonRoundTripString(raw: string): string {
  // the usual case: printable ASCII survives the JSON and YAML legs unchanged
  if (PRINTABLE_ASCII.test(raw)) return raw;
  const s = toValidUnicode(raw);
  if (YAML_UNREADABLE.test(s))
    throw new YamlMarshalError('error converting YAML to JSON: yaml: control characters are not allowed');
  if (!s.includes('\u0085')) return s;
  return s.replace(FOLDED_NEL, (run) => {
    const breaks = run.split('\u0085').length - 1;
    return breaks === 1 ? ' ' : '\n'.repeat(breaks - 1);
  });
}

/** The node go-yaml v2 gets from reading the JSON text of a float64. */
function floatNode(f: number): YamlNode {
  if (!Number.isFinite(f)) throw new YamlMarshalError(`error marshaling into JSON: json: unsupported value: ${f}`);
  const text = formatGoJsonFloat(f);
  const r = resolvePlain(text);
  if (r.tag === 'int') return { kind: 'int', text: r.value.toString() };
  if (r.tag === 'float') return { kind: 'float', value: r.value };
  return { kind: 'str', value: text };
}

/** Convert a JS value (see docs/value-model.md) through the JSON round trip into go-yaml's model. */
export function toJsonRoundTripNode(value: unknown, depth = 0): YamlNode {
  if (depth > 10000)
    throw new YamlMarshalError('error marshaling into JSON: json: unsupported value: encountered a cycle');
  if (value === null || value === undefined) return NULL_NODE;
  switch (typeof value) {
    case 'boolean':
      return { kind: 'bool', value };
    case 'string':
      return { kind: 'str', value: jsonRoundTripString(value) };
    case 'bigint':
      return { kind: 'int', text: value.toString() };
    case 'number':
      return floatNode(value);
    case 'function':
    case 'symbol':
      throw new YamlMarshalError(`error marshaling into JSON: json: unsupported type: ${typeof value}`);
    default:
      break;
  }
  if (value instanceof Uint8Array) return { kind: 'str', value: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return { kind: 'seq', items: value.map((v) => toJsonRoundTripNode(v, depth + 1)) };
  const obj = value as Record<string, unknown>;
  if (!isPlainObject(obj) && typeof (obj as { toJSON?: unknown }).toJSON === 'function') {
    return toJsonRoundTripNode((obj as { toJSON: () => unknown }).toJSON(), depth + 1);
  }
  if (value instanceof Map) {
    const entries: Array<[string, YamlNode]> = [];
    for (const [k, v] of value) entries.push([jsonRoundTripString(String(k)), toJsonRoundTripNode(v, depth + 1)]);
    entries.sort((a, b) => compareGoYamlKeys(a[0], b[0]));
    return { kind: 'map', entries };
  }
  const entries: Array<[string, YamlNode]> = [];
  for (const k of Object.keys(obj)) {
    const v = obj[k];
    if (typeof v === 'function') continue; // methods of Go structs are not JSON fields
    entries.push([jsonRoundTripString(k), toJsonRoundTripNode(v, depth + 1)]);
  }
  entries.sort((a, b) => compareGoYamlKeys(a[0], b[0]));
  return { kind: 'map', entries };
}

/** go-yaml v2 Marshal of an already-converted node (ends with a newline). */
export function emitYaml(node: YamlNode): string {
  return new GoYamlEmitter().emitDocument(node);
}

/** sigs.k8s.io/yaml.Marshal: throws YamlMarshalError when Go's JSON encoding would fail. */
export function marshalYaml(value: unknown): string {
  return marshalYamlDirect(value) ?? emitYaml(toJsonRoundTripNode(value));
}

/** Helm's `toYaml`: Marshal without the final newline, "" on error. */
export function toYaml(value: unknown): string {
  try {
    const s = marshalYaml(value);
    return s.endsWith('\n') ? s.slice(0, -1) : s;
  } catch (e) {
    if (e instanceof YamlMarshalError || e instanceof RangeError) return '';
    throw e;
  }
}

/** Helm's `mustToYaml`: like toYaml but errors propagate. */
export function mustToYaml(value: unknown): string {
  const s = marshalYaml(value);
  return s.endsWith('\n') ? s.slice(0, -1) : s;
}
