/**
 * Reading YAML as Helm does (sigs.k8s.io/yaml Unmarshal): go-yaml v2 decodes the first document
 * with YAML 1.1 implicit types (yes/no/on/off are booleans, 0777 is octal, timestamps stay
 * strings), then the result goes through JSON, so every number becomes a float64 (a JS number)
 * and non-string map keys become strings.
 *
 * The `yaml` package parses the syntax (failsafe schema: every scalar a string); typing of plain
 * scalars is go-yaml's, applied here.
 */
import { parseAllDocuments, isAlias, isMap, isScalar, isSeq, isPair, Scalar } from 'yaml';
import type { Document, Node as YNode, Alias } from 'yaml';
import { resolvePlain } from './resolve.js';
import { formatGoFloatG } from './go-float.js';

export class YamlParseError extends Error {}

type JsonValue = null | boolean | number | string | JsonValue[] | { [k: string]: JsonValue };

const TAG_PREFIX = 'tag:yaml.org,2002:';

function shortTag(tag: string): string {
  return tag.startsWith(TAG_PREFIX) ? `!!${tag.slice(TAG_PREFIX.length)}` : tag;
}

interface Decoded {
  kind: 'null' | 'bool' | 'int' | 'float' | 'str' | 'seq' | 'map';
  value: unknown;
}

class Decoder {
  private depth = 0;
  constructor(private readonly doc: Document) {}

  decode(node: unknown): Decoded {
    if (node === null || node === undefined) return { kind: 'null', value: null };
    if (isAlias(node)) {
      const target = (node as Alias).resolve(this.doc);
      if (!target) throw new YamlParseError(`yaml: unknown anchor '${(node as Alias).source}' referenced`);
      if (++this.depth > 1000) throw new YamlParseError('yaml: anchor expansion too deep');
      try {
        return this.decode(target);
      } finally {
        this.depth--;
      }
    }
    if (isScalar(node)) return this.scalar(node as Scalar);
    if (isSeq(node)) {
      return { kind: 'seq', value: node.items.map((item) => jsonOf(this.decode(item))) };
    }
    if (isMap(node)) {
      const out: Record<string, JsonValue> = {};
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YNode | null;
        if (
          isScalar(keyNode) &&
          (keyNode as Scalar).type === 'PLAIN' &&
          !(keyNode as Scalar).tag &&
          (keyNode as Scalar).value === '<<'
        ) {
          this.merge(pair.value, out);
          continue;
        }
        const key = keyString(this.decode(keyNode));
        out[key] = jsonOf(this.decode(pair.value));
      }
      return { kind: 'map', value: out };
    }
    throw new YamlParseError('yaml: unsupported node');
  }

  private merge(valueNode: unknown, out: Record<string, JsonValue>): void {
    const resolved = isAlias(valueNode) ? (valueNode as Alias).resolve(this.doc) : valueNode;
    if (isMap(resolved)) {
      Object.assign(out, this.decode(resolved).value as Record<string, JsonValue>);
      return;
    }
    if (isSeq(resolved)) {
      const items = [...resolved.items].reverse();
      for (const item of items) {
        const r = isAlias(item) ? (item as Alias).resolve(this.doc) : item;
        if (!isMap(r)) throw new YamlParseError('yaml: map merge requires map or sequence of maps as the value');
        Object.assign(out, this.decode(r).value as Record<string, JsonValue>);
      }
      return;
    }
    throw new YamlParseError('yaml: map merge requires map or sequence of maps as the value');
  }

  private scalar(node: Scalar): Decoded {
    const text = String(node.value ?? '');
    const tag = node.tag;
    if (tag) {
      const t = shortTag(tag);
      switch (t) {
        case '!!str':
          return { kind: 'str', value: text };
        case '!!binary':
          return { kind: 'str', value: Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('latin1') };
        case '!!null':
        case '!!bool':
        case '!!int':
        case '!!float':
        case '!!timestamp': {
          const r = resolvePlain(text);
          const want = t.slice(2);
          if (r.tag === want || (want === 'float' && r.tag === 'int')) return fromResolved(r, text);
          if (want === 'str' || (want === 'timestamp' && r.tag === 'str')) return { kind: 'str', value: text };
          throw new YamlParseError(
            `yaml: cannot decode ${r.tag === 'timestamp' ? '!!timestamp' : `!!${r.tag}`} \`${text}\` as a ${t}`,
          );
        }
        default:
          // unknown (local) tags keep the scalar's text
          return { kind: 'str', value: text };
      }
    }
    if (node.type !== 'PLAIN') return { kind: 'str', value: text };
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
    case 'float':
      return formatGoFloatG(d.value as number);
    case 'bool':
      return d.value ? 'true' : 'false';
    case 'null':
      return 'null';
    default:
      throw new YamlParseError('error converting YAML to JSON: yaml: invalid map key');
  }
}

function firstDocument(text: string): Document | undefined {
  const docs = parseAllDocuments(text, {
    schema: 'failsafe',
    uniqueKeys: false,
    merge: false,
    strict: false,
    prettyErrors: true,
  });
  const list = Array.isArray(docs) ? docs : [];
  if (list.length === 0) return undefined;
  const doc = list[0];
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line;
    throw new YamlParseError(
      `error converting YAML to JSON: yaml: ${line !== undefined ? `line ${line}: ` : ''}${e.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '')}`,
    );
  }
  return doc;
}

/** sigs.k8s.io/yaml.Unmarshal into interface{}: the first document as JSON-typed data (null if empty). */
export function parseYaml(text: string): unknown {
  const doc = firstDocument(text);
  if (!doc) return null;
  return jsonOf(new Decoder(doc).decode(doc.contents));
}

/** Helm's `fromYaml`: a map; on error a map holding the message under "Error". */
export function fromYaml(text: string): Record<string, unknown> {
  try {
    const v = parseYaml(text);
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
export function fromYamlArray(text: string): unknown[] {
  try {
    const v = parseYaml(text);
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
