/**
 * The shape go-yaml v2 gives a document decoded into interface{}, before sigs.k8s.io/yaml
 * turns it into JSON: integers keep their integer-ness (needed to stringify keys and string
 * fields as Go does), floats stay floats, maps keep their keys' original types.
 */
export class YamlFloat {
  constructor(readonly value: number) {}
}

/** An integer that did not fit int64 but fits uint64 (go-yaml resolves it as uint64). */
export class YamlUint {
  constructor(readonly value: bigint) {}
}

export class YamlMap {
  readonly entries: Array<[YamlNode, YamlNode]> = [];
}

export type YamlNode = null | boolean | string | bigint | YamlUint | YamlFloat | YamlNode[] | YamlMap;

const TRUE_WORDS = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE_WORDS = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL_WORDS = new Set(['', '~', 'null', 'Null', 'NULL']);
const NAN_WORDS = new Set(['.nan', '.NaN', '.NAN']);
const POS_INF_WORDS = new Set(['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF']);
const NEG_INF_WORDS = new Set(['-.inf', '-.Inf', '-.INF']);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Go's strconv.ParseInt/ParseUint with base 0 (prefixes 0x, 0o, 0b, leading-0 octal), unbounded. */
function parseGoIntBase0(s: string): bigint | undefined {
  let i = 0;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    i = 1;
  }
  let body = s.slice(i);
  let radix = 10;
  if (/^0[xX]/.test(body)) {
    radix = 16;
    body = body.slice(2);
  } else if (/^0[oO]/.test(body)) {
    radix = 8;
    body = body.slice(2);
  } else if (/^0[bB]/.test(body)) {
    radix = 2;
    body = body.slice(2);
  } else if (body.length > 1 && body[0] === '0') {
    radix = 8;
    body = body.slice(1);
  }
  const digitPattern = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[radix as 2 | 8 | 10 | 16];
  if (!digitPattern.test(body)) return undefined;
  const prefix = { 2: '0b', 8: '0o', 10: '', 16: '0x' }[radix as 2 | 8 | 10 | 16];
  const n = BigInt(prefix + body);
  return neg ? -n : n;
}

function resolveNumber(plain: string): YamlNode | undefined {
  const n = parseGoIntBase0(plain);
  if (n !== undefined) {
    if (n >= INT64_MIN && n <= INT64_MAX) return n;
    if (n >= 0n && n <= UINT64_MAX) return new YamlUint(n);
  }
  if (YAML_STYLE_FLOAT.test(plain)) {
    // Go's ParseFloat fails on overflow (ErrRange): go-yaml then keeps the text, so `1E310` is a string
    const f = Number(plain);
    if (Number.isFinite(f)) return new YamlFloat(f);
  }
  return undefined;
}

/** go-yaml v2's implicit resolution of a plain scalar (YAML 1.1 booleans, ints, floats, null). */
export function resolvePlainScalar(text: string): YamlNode {
  if (NULL_WORDS.has(text)) return null;
  if (TRUE_WORDS.has(text)) return true;
  if (FALSE_WORDS.has(text)) return false;
  if (NAN_WORDS.has(text)) return new YamlFloat(NaN);
  if (POS_INF_WORDS.has(text)) return new YamlFloat(Infinity);
  if (NEG_INF_WORDS.has(text)) return new YamlFloat(-Infinity);
  const c = text[0];
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    const r = resolveNumber(text.replace(/_/g, ''));
    if (r !== undefined) return r;
  } else if (c === '.') {
    // Go's ParseFloat on the raw text: `.5`, `.5e3`
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(text) && Number.isFinite(Number(text))) return new YamlFloat(Number(text));
  }
  return text;
}

/** Resolution of a scalar carrying an explicit standard tag (`!!int 3`, `!!str yes`). */
export function resolveTaggedScalar(tag: string, text: string): YamlNode {
  const short = tag.replace(/^tag:yaml\.org,2002:/, '!!');
  switch (short) {
    case '!!str':
      return text;
    case '!!binary':
      return Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('latin1');
    case '!!null':
    case '!!bool':
    case '!!int':
    case '!!float': {
      const r = resolvePlainScalar(text);
      const ok =
        (short === '!!null' && r === null) ||
        (short === '!!bool' && typeof r === 'boolean') ||
        (short === '!!int' && (typeof r === 'bigint' || r instanceof YamlUint)) ||
        (short === '!!float' && (r instanceof YamlFloat || typeof r === 'bigint'));
      if (!ok) throw new Error(`cannot decode !!str \`${text}\` as a ${short}`);
      if (short === '!!float' && typeof r === 'bigint') return new YamlFloat(Number(r));
      return r;
    }
    default:
      return resolvePlainScalar(text);
  }
}
