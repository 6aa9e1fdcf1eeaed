import type { NumberNode, Tree } from './ast.js';
import { K } from './ast.js';
import { unquote } from './unquote.js';

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
const MAX_UINT64 = (1n << 64n) - 1n;

/** Go's strconv.ParseInt/ParseUint with base 0 (prefixes and underscores). */
function parseGoInteger(text: string): bigint | null {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let base = 10;
  let body = s;
  if (/^0[xX]/.test(s)) {
    base = 16;
    body = s.slice(2);
  } else if (/^0[bB]/.test(s)) {
    base = 2;
    body = s.slice(2);
  } else if (/^0[oO]/.test(s)) {
    base = 8;
    body = s.slice(2);
  } else if (/^0./.test(s)) {
    base = 8;
    body = s.slice(1);
  }
  if (body.includes('_')) {
    // underscores only between digits (or after the prefix)
    const withPrefix = base === 10 ? body : '0' + body;
    if (/__|_$/.test(withPrefix) || (base === 10 && body.startsWith('_'))) return null;
    body = body.replace(/_/g, '');
  }
  if (body === '') return base === 8 && !/^0[oO]/.test(s) ? 0n : null;
  const digits = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!digits.test(body)) return null;
  const prefix = base === 16 ? '0x' : base === 8 ? '0o' : base === 2 ? '0b' : '';
  const v = BigInt(prefix + body);
  return neg ? -v : v;
}

/** Go's strconv.ParseFloat (decimal and hex floats, underscores). */
function parseGoFloat(text: string): number | null {
  let s = text.replace(/_/g, '');
  if (/^[+-]?0[xX]/.test(s)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/.exec(s);
    if (!m || (m[2] === '' && (m[3] ?? '') === '')) return null;
    const mant = parseInt((m[2] || '0') + (m[3] ?? ''), 16) / Math.pow(16, (m[3] ?? '').length);
    const v = mant * Math.pow(2, Number(m[4] ?? '0'));
    return m[1] === '-' ? -v : v;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  if (s.startsWith('+')) s = s.slice(1);
  return Number(s);
}

export type NumberResult = NumberNode | string;

/** Go's parse.newNumber: classifies the literal; returns an error message on failure. */
export function newNumber(tree: Tree, pos: number, text: string, isChar: boolean, isComplex: boolean): NumberResult {
  const n: NumberNode = {
    kind: K.Number,
    pos,
    tree,
    text,
    isInt: false,
    isUint: false,
    isFloat: false,
    isComplex: false,
    int: 0n,
    float: 0,
  };
  if (isChar) {
    const s = unquote(text);
    if (s === null) return 'invalid syntax';
    const cp = BigInt(s.codePointAt(0)!);
    n.int = cp;
    n.float = Number(cp);
    n.isInt = n.isUint = n.isFloat = true;
    return n;
  }
  if (isComplex) return `complex numbers are not supported: ${text}`;
  if (text.endsWith('i')) return `complex numbers are not supported: ${text}`;
  const i = parseGoInteger(text);
  if (i !== null) {
    if (i >= 0n && i <= MAX_UINT64) {
      n.isUint = true;
      n.int = i;
    }
    if (i >= MIN_INT64 && i <= MAX_INT64) {
      n.isInt = true;
      n.int = i;
      n.isFloat = true;
      n.float = Number(i);
    }
    if (n.isUint && !n.isInt) {
      n.isFloat = true;
      n.float = Number(i);
    }
  }
  if (!n.isInt && !n.isUint) {
    const f = parseGoFloat(text);
    if (f !== null) {
      if (!/[.eEpP]/.test(text) || (/^[+-]?0[xX]/.test(text) && !/[pP]/.test(text))) {
        return `illegal number syntax: ${JSON.stringify(text)}`;
      }
      n.isFloat = true;
      n.float = f;
      if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
        n.isInt = true;
        n.int = BigInt(f);
        if (f >= 0) n.isUint = true;
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${JSON.stringify(text)}`;
  return n;
}
