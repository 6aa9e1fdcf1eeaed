import { Document, isScalar, Scalar, visit } from 'yaml';
import { isTable } from '../values/go-map.js';

function toPlain(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
  if (isTable(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      Object.defineProperty(out, k, { value: toPlain(v[k]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return v;
}

/** Strings YAML 1.1 (go-yaml v2) would read as something else than a string. */
const YAML11_NON_STRING = /^(?:[yYnN]|[Yy]es|YES|[Nn]o|NO|[Tt]rue|TRUE|[Ff]alse|FALSE|[Oo]n|ON|[Oo]ff|OFF|~|[Nn]ull|NULL|<<|[-+]?(?:\.[0-9]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?0[xXoObB][0-9a-fA-F_]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)|\d{4}-\d\d?-\d\d?.*)$/;

/**
 * Serializes a values tree (or metadata) as YAML with sorted keys, quoting every string
 * that go-yaml v2 would resolve as a bool/number/null, so that reading it back (here or in
 * Helm) gives the same tree.
 */
export function toYaml(value: unknown): string {
  const doc = new Document(toPlain(value), { sortMapEntries: true });
  visit(doc, {
    Pair(_key, pair) {
      // keys built from plain objects may be bare strings; make them nodes so they can be quoted
      if (typeof pair.key === 'string') pair.key = new Scalar(pair.key);
    },
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && (YAML11_NON_STRING.test(node.value) || node.value === '')) {
        node.type = 'QUOTE_DOUBLE';
      }
    },
  });
  return doc.toString({ lineWidth: 0, indentSeq: false });
}
