/**
 * Reading YAML as Helm does (sigs.k8s.io/yaml Unmarshal): go-yaml v2 decodes the first document
 * with YAML 1.1 implicit types (yes/no/on/off are booleans, 0777 is octal, timestamps stay
 * strings), then the result goes through JSON, so every number becomes a float64 (a JS number)
 * and non-string map keys become strings.
 *
 * The syntax is go-yaml's own (./libyaml: its scanner and parser rewritten), so a text is refused
 * exactly when Helm refuses it, with go-yaml's words and line; typing of plain scalars is go-yaml's
 * too (./resolve).
 */
import { composeWithDepth, type GoYamlNode, type GoYamlScalarNode } from './libyaml/compose.js';
import { GoYamlSyntaxError, type GoYamlVersion } from './libyaml/tokens.js';
import { resolvePlain } from './resolve.js';
import { goQuote } from './go-quote.js';
import { formatGoFloat32G, formatGoFloatG } from './go-float.js';

export class YamlParseError extends Error {}

type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

const TAG_PREFIX = 'tag:yaml.org,2002:';
const MERGE_TAG = `${TAG_PREFIX}merge`;

function shortTag(tag: string): string {
  return tag.startsWith(TAG_PREFIX) ? `!!${tag.slice(TAG_PREFIX.length)}` : tag;
}

interface Decoded {
  kind: 'null' | 'bool' | 'int' | 'float' | 'str' | 'seq' | 'map';
  value: unknown;
}

/** go-yaml's isMerge: a `<<` key, plain or tagged !!merge. */
function isMergeKey(node: GoYamlNode): boolean {
  return node.kind === 'scalar' && node.value === '<<' && (node.implicit || node.tag === MERGE_TAG);
}

/**
 * go-yaml's alias budget (decode.go): past 1000 decoded nodes, more than 100 of them from alias
 * expansion, the share from aliases may be 99% up to 400,000 nodes, falling to 10% at 4,000,000.
 * True when `aliasCount` of `decodeCount` nodes is over it ("document contains excessive aliasing").
 */
export function exceedsAliasBudget(decodeCount: number, aliasCount: number): boolean {
  if (aliasCount <= 100 || decodeCount <= 1000) return false;
  const allowed =
    decodeCount <= 400_000
      ? 0.99
      : decodeCount >= 4_000_000
        ? 0.1
        : 0.99 - 0.89 * ((decodeCount - 400_000) / 3_600_000);
  return aliasCount / decodeCount > allowed;
}

const PREFIX = 'error converting YAML to JSON: ';
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

class Decoder {
  /**
   * sigs.k8s.io/yaml's later phases fail only once go-yaml has decoded the whole document: turning
   * keys into strings (a null key), then encoding JSON (a NaN or infinity). Their first error waits.
   */
  conversionError: string | undefined;
  jsonError: string | undefined;
  // the document node counts as go-yaml's first decoded node
  private decodeCount = 1;
  private aliasCount = 0;
  private aliasDepth = 0;
  /** aliases being expanded: one met again inside its own expansion is a cycle */
  private readonly expanding = new Set<GoYamlNode>();

  constructor(private readonly version: GoYamlVersion) {}

  decode(node: GoYamlNode): Decoded {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (exceedsAliasBudget(this.decodeCount, this.aliasCount)) {
      throw new YamlParseError(`${PREFIX}yaml: document contains excessive aliasing`);
    }
    switch (node.kind) {
      case 'alias': {
        if (this.expanding.has(node)) {
          throw new YamlParseError(`${PREFIX}yaml: anchor '${node.name}' value contains itself`);
        }
        this.expanding.add(node);
        this.aliasDepth++;
        try {
          return this.decode(node.target);
        } finally {
          this.aliasDepth--;
          this.expanding.delete(node);
        }
      }
      case 'scalar':
        return this.scalar(node);
      case 'sequence':
        return { kind: 'seq', value: node.items.map((item) => this.json(this.decode(item))) };
      case 'mapping': {
        const out: Record<string, JsonValue> = {};
        // a null key (the last one's value: duplicate keys overwrite) fails the JSON conversion
        let nullKeyValue: { value: JsonValue } | undefined;
        for (let i = 0; i < node.items.length; i += 2) {
          const keyNode = node.items[i];
          if (isMergeKey(keyNode)) {
            this.merge(node.items[i + 1], out);
            continue;
          }
          const decodedKey = this.decode(keyNode);
          if (decodedKey.kind === 'seq' || decodedKey.kind === 'map') {
            throw new YamlParseError(
              `${PREFIX}yaml: invalid map key: ${goSyntax(decodedKey.value as JsonValue, true)}`,
            );
          }
          const value = this.json(this.decode(node.items[i + 1]));
          if (decodedKey.kind === 'null') nullKeyValue = { value };
          out[keyString(decodedKey)] = value;
        }
        if (nullKeyValue !== undefined) {
          // sigs.k8s.io/yaml capitalised the message until v1.2 (Helm 2's ghodss/yaml did too)
          const what = this.version === 'v2.2' ? 'Unsupported' : 'unsupported';
          this.conversionError ??= `${PREFIX}${what} map key of type: %!s(<nil>), key: <nil>, value: ${goSyntax(nullKeyValue.value, true)}`;
        }
        return { kind: 'map', value: out };
      }
    }
  }

  /** A decoded value as JSON holds it; a non-finite float is the JSON phase's error. */
  json(d: Decoded): JsonValue {
    if (d.kind === 'float' && !Number.isFinite(d.value as number)) {
      this.jsonError ??= `${PREFIX}json: unsupported value: ${formatGoFloatG(d.value as number)}`;
      return null;
    }
    return jsonOf(d);
  }

  private merge(valueNode: GoYamlNode, out: Record<string, JsonValue>): void {
    const resolved = valueNode.kind === 'alias' ? valueNode.target : valueNode;
    if (resolved.kind === 'mapping') {
      Object.assign(out, this.decode(resolved).value as Record<string, JsonValue>);
      return;
    }
    if (resolved.kind === 'sequence') {
      const items = [...resolved.items].reverse();
      for (const item of items) {
        const r = item.kind === 'alias' ? item.target : item;
        if (r.kind !== 'mapping')
          throw new YamlParseError(`${PREFIX}yaml: map merge requires map or sequence of maps as the value`);
        Object.assign(out, this.decode(r).value as Record<string, JsonValue>);
      }
      return;
    }
    throw new YamlParseError(`${PREFIX}yaml: map merge requires map or sequence of maps as the value`);
  }

  private scalar(node: GoYamlScalarNode): Decoded {
    const text = node.value;
    const tag = node.tag;
    if (tag) {
      const t = shortTag(tag);
      switch (t) {
        case '!!str':
          return { kind: 'str', value: text };
        case '!!binary': {
          // Go's base64.StdEncoding: padding required; only line breaks are skipped
          const data = text.replace(/[\r\n]/g, '');
          if (!BASE64.test(data))
            throw new YamlParseError(`${PREFIX}yaml: !!binary value contains invalid base64 data`);
          return { kind: 'str', value: Buffer.from(data, 'base64').toString('latin1') };
        }
        case '!!null':
        case '!!bool':
        case '!!int':
        case '!!float':
        case '!!timestamp': {
          const r = resolvePlain(text);
          const want = t.slice(2);
          if (r.tag === want || (want === 'float' && r.tag === 'int')) return fromResolved(r, text);
          throw new YamlParseError(
            `${PREFIX}yaml: cannot decode ${r.tag === 'timestamp' ? '!!timestamp' : `!!${r.tag}`} \`${text}\` as a ${t}`,
          );
        }
        default:
          // unknown (local) tags keep the scalar's text
          return { kind: 'str', value: text };
      }
    }
    if (!node.implicit) return { kind: 'str', value: text };
    return fromResolved(resolvePlain(text), text);
  }
}

function fromResolved(r: ReturnType<typeof resolvePlain>, text: string): Decoded {
  switch (r.tag) {
    case 'null':
      return { kind: 'null', value: null };
    case 'bool':
      return { kind: 'bool', value: r.value };
    case 'int':
      return { kind: 'int', value: r.value };
    case 'float':
      return { kind: 'float', value: r.value };
    case 'merge':
    case 'timestamp':
      return { kind: 'str', value: text };
    case 'str':
      return { kind: 'str', value: r.value };
  }
}

/**
 * What sigs.k8s.io/yaml makes of an untagged plain scalar: go-yaml v2's typing (`resolvePlain`), then
 * its JSON leg (numbers become float64s; timestamps stay text, as for an untyped target). A
 * non-finite float has no JSON form: YamlParseError, worded as Go words it.
 */
export function plainScalarJson(text: string): null | boolean | number | string {
  return jsonOf(fromResolved(resolvePlain(text), text)) as null | boolean | number | string;
}

/** The value after the JSON leg of sigs.k8s.io/yaml: numbers become float64. */
function jsonOf(d: Decoded): JsonValue {
  switch (d.kind) {
    case 'int':
      return Number(d.value as bigint);
    case 'float': {
      const f = d.value as number;
      if (!Number.isFinite(f))
        throw new YamlParseError(`error converting YAML to JSON: json: unsupported value: ${formatGoFloatG(f)}`);
      return f;
    }
    default:
      return d.value as JsonValue;
  }
}

/** sigs.k8s.io/yaml turns non-string keys into strings the way Go formats them. */
function keyString(d: Decoded): string {
  switch (d.kind) {
    case 'str':
      return d.value as string;
    case 'int':
      return (d.value as bigint).toString();
    case 'float': {
      const text = formatGoFloat32G(d.value as number);
      return text === '+Inf' ? '.inf' : text === '-Inf' ? '-.inf' : text === 'NaN' ? '.nan' : text;
    }
    case 'bool':
      return d.value ? 'true' : 'false';
    case 'null':
      return 'null';
    default:
      throw new YamlParseError('error converting YAML to JSON: yaml: invalid map key');
  }
}

/**
 * sigs.k8s.io/yaml.Unmarshal into interface{}: the first document as JSON-typed data (null if empty).
 * `version` picks the go-yaml v2 whose syntax errors to reproduce: v2.2 (Helm 2) or v2.4 (Helm 3, 4).
 */
export function parseYaml(text: string, version: GoYamlVersion = 'v2.2'): unknown {
  let composed: ReturnType<typeof composeWithDepth>;
  try {
    composed = composeWithDepth(text, version);
  } catch (e) {
    if (e instanceof GoYamlSyntaxError) throw new YamlParseError(`${PREFIX}yaml: ${e.goMessage}`);
    throw e;
  }
  const { root, tooDeep } = composed;
  if (root === null) return null;
  const decoder = new Decoder(version);
  let value: JsonValue;
  try {
    value = decoder.json(decoder.decode(root));
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    // thousands of levels: Go decodes them (and its JSON reader refuses beyond 10,000); this
    // recursive decoder runs out of stack first
    decoder.jsonError ??=
      tooDeep === undefined ? `${PREFIX}yaml: the document is nested too deeply to read` : undefined;
    value = null;
  }
  const later =
    decoder.conversionError ??
    decoder.jsonError ??
    (tooDeep && `error unmarshaling JSON: while decoding JSON: invalid character '${tooDeep}' exceeded max depth`);
  if (later) throw new YamlParseError(later);
  return value;
}

/**
 * Go's %#v of a value decoded into interface{} (what go-yaml's `invalid map key` error shows):
 * `[]interface {}{1, "a"}`, `map[interface {}]interface {}{"a":1}` (keys sorted), `interface {}(nil)`
 * inside a collection and `<nil>` alone.
 */
function goSyntax(v: JsonValue, top: boolean): string {
  if (v === null) return top ? '<nil>' : 'interface {}(nil)';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 2 ** 63 ? v.toFixed(0) : formatGoFloatG(v);
  if (Array.isArray(v)) return `[]interface {}{${v.map((item) => goSyntax(item, false)).join(', ')}}`;
  const entries = Object.keys(v)
    .sort()
    .map((k) => `${goQuote(k)}:${goSyntax(v[k], false)}`);
  return `map[interface {}]interface {}{${entries.join(', ')}}`;
}

/** Helm's `fromYaml`: a map; on error a map holding the message under "Error". */
export function fromYaml(text: string, version: GoYamlVersion = 'v2.2'): Record<string, unknown> {
  try {
    const v = parseYaml(text, version);
    if (v === null) return {};
    if (typeof v !== 'object' || Array.isArray(v)) {
      const what = Array.isArray(v)
        ? 'array into Go value of type map[string]interface {}'
        : `${typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number'} into Go value of type map[string]interface {}`;
      return { Error: `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${what}` };
    }
    return v as Record<string, unknown>;
  } catch (e) {
    return { Error: (e as Error).message };
  }
}

/** Helm's `fromYamlArray`: a list; on error a list holding the message. */
export function fromYamlArray(text: string, version: GoYamlVersion = 'v2.2'): unknown[] {
  try {
    const v = parseYaml(text, version);
    if (v === null) return [];
    if (!Array.isArray(v)) {
      const what =
        typeof v === 'object'
          ? 'object'
          : typeof v === 'string'
            ? 'string'
            : typeof v === 'boolean'
              ? 'bool'
              : 'number';
      return [
        `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${what} into Go value of type []interface {}`,
      ];
    }
    return v;
  } catch (e) {
    return [(e as Error).message];
  }
}
