/** Sprig's integer (int64 via cast.ToInt64) and float (float64, decimal-exact) arithmetic. */
import { randomInt } from 'node:crypto';
import { argInt, mismatch } from '../args.js';
import { formatValue } from '@helmts/gotemplate';
import { castToFloat64, castToInt64, parseGoInt, wrapInt64 } from '../go-conversions.js';
import { Decimal } from '../go-decimal.js';
import { goFunc, type FuncMap } from '../go-func.js';
import { runtimeError } from '../go-strings.js';

const I = 'interface {}';
const INT64_MIN = -(1n << 63n);

/**
 * `toInt64` reads a value as an int64: cast.ToInt64 in Sprig v3 (strings in any base, `3.0` is 3);
 * Sprig v2.22 had its own, which reads strings in base 10 only (see sprig-v2.ts).
 */
export function mathFunctions(toInt64: (v: unknown) => bigint = castToInt64): FuncMap {
  const intExtreme = (a: unknown, xs: unknown[], better: (x: bigint, y: bigint) => boolean): bigint => {
    let acc = toInt64(a);
    for (const x of xs) {
      const v = toInt64(x);
      if (better(v, acc)) acc = v;
    }
    return acc;
  };
  return {
    add1: goFunc(I, (a) => wrapInt64(toInt64(a) + 1n)),
    add: goFunc('...interface {}', (...xs: unknown[]) =>
      xs.reduce<bigint>((acc, x) => wrapInt64(acc + toInt64(x)), 0n),
    ),
    sub: goFunc(`${I}, ${I}`, (a, b) => wrapInt64(toInt64(a) - toInt64(b))),
    div: goFunc(`${I}, ${I}`, (a, b) => int64Div(toInt64(a), toInt64(b))),
    mod: goFunc(`${I}, ${I}`, (a, b) => {
      const d = toInt64(b);
      if (d === 0n) throw runtimeError('integer divide by zero');
      return toInt64(a) % d;
    }),
    mul: goFunc(`${I}, ...${I}`, (a, ...xs: unknown[]) =>
      xs.reduce<bigint>((acc, x) => wrapInt64(acc * toInt64(x)), toInt64(a)),
    ),
    randInt: goFunc('int, int', (min, max) => {
      const lo = argInt(min);
      const n = argInt(max) - lo;
      if (n <= 0) throw new Error('invalid argument to Intn');
      return BigInt(randomInt(n) + lo);
    }),
    add1f: goFunc(I, (a) => Decimal.fromFloat(castToFloat64(a)).add(Decimal.fromFloat(1)).toFloat64()),
    addf: goFunc(`...${I}`, (...xs: unknown[]) => decimalFold(0, xs, (p, q) => p.add(q))),
    subf: goFunc(`${I}, ...${I}`, (a, ...xs: unknown[]) => decimalFold(a, xs, (p, q) => p.sub(q))),
    mulf: goFunc(`${I}, ...${I}`, (a, ...xs: unknown[]) => decimalFold(a, xs, (p, q) => p.mul(q))),
    divf: goFunc(`${I}, ...${I}`, (a, ...xs: unknown[]) => decimalFold(a, xs, (p, q) => p.div(q))),
    biggest: goFunc(`${I}, ...${I}`, (a, ...xs: unknown[]) => intExtreme(a, xs, (x, y) => x > y)),
    max: goFunc(`${I}, ...${I}`, (a, ...xs: unknown[]) => intExtreme(a, xs, (x, y) => x > y)),
    min: goFunc(`${I}, ...${I}`, (a, ...xs: unknown[]) => intExtreme(a, xs, (x, y) => x < y)),
    maxf: goFunc(`${I}, ...${I}`, (a, ...xs: unknown[]) =>
      xs.reduce<number>((acc, x) => goMathMax(acc, castToFloat64(x)), castToFloat64(a)),
    ),
    minf: goFunc(`${I}, ...${I}`, (a, ...xs: unknown[]) =>
      xs.reduce<number>((acc, x) => goMathMin(acc, castToFloat64(x)), castToFloat64(a)),
    ),
    ceil: goFunc(I, (a) => Math.ceil(castToFloat64(a))),
    floor: goFunc(I, (a) => Math.floor(castToFloat64(a))),
    round: goFunc(`${I}, int, ...float64`, (a, p, ...opt: unknown[]) => {
      const roundOn = opt.length > 0 ? floatArg(opt[0]) : 0.5;
      return sprigRound(castToFloat64(a), argInt(p), roundOn);
    }),
    atoi: goFunc('string', (s) => (typeof s === 'string' ? (parseGoInt(s, 10) ?? 0n) : 0n)),
    int64: goFunc(I, (v) => toInt64(v)),
    int: goFunc(I, (v) => toInt64(v)),
    float64: goFunc(I, (v) => castToFloat64(v)),
    toDecimal: goFunc(I, (v) => parseGoInt(formatValue(v), 8) ?? 0n),
    seq: goFunc('...int', (...ps: unknown[]) => seq(ps.map(argInt))),
    until: goFunc('int', (n) => {
      const count = argInt(n);
      return untilStep(0, count, count < 0 ? -1 : 1);
    }),
    untilStep: goFunc('int, int, int', (a, b, c) => untilStep(argInt(a), argInt(b), argInt(c))),
  };
}

function floatArg(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  throw mismatch('float64', v);
}

function int64Div(a: bigint, b: bigint): bigint {
  if (b === 0n) throw runtimeError('integer divide by zero');
  if (a === INT64_MIN && b === -1n) return INT64_MIN;
  return a / b;
}

function decimalFold(a: unknown, xs: unknown[], op: (p: Decimal, q: Decimal) => Decimal): number {
  let acc = Decimal.fromFloat(castToFloat64(a));
  for (const x of xs) acc = op(acc, Decimal.fromFloat(castToFloat64(x)));
  return acc.toFloat64();
}

/** math.Max: NaN wins, +0 beats -0 (JS Math.max agrees) */
function goMathMax(a: number, b: number): number {
  return Math.max(a, b);
}
function goMathMin(a: number, b: number): number {
  return Math.min(a, b);
}

/** Sprig's round: compares the fractional part (signed, from math.Modf) with roundOn, so negatives round down. */
function sprigRound(val: number, places: number, roundOn: number): number {
  const pow = Math.pow(10, places);
  const digit = pow * val;
  const frac = digit - Math.trunc(digit);
  const r = frac >= roundOn ? Math.ceil(digit) : Math.floor(digit);
  return r / pow;
}

function untilStep(start: number, stop: number, step: number): bigint[] {
  const out: bigint[] = [];
  if (stop < start) {
    if (step >= 0) return out;
    for (let i = start; i > stop; i += step) out.push(BigInt(i));
    return out;
  }
  if (step <= 0) return out;
  for (let i = start; i < stop; i += step) out.push(BigInt(i));
  return out;
}

function seq(ps: number[]): string {
  const join = (xs: bigint[]) => xs.join(' ');
  switch (ps.length) {
    case 1: {
      const end = ps[0]!;
      const inc = end < 1 ? -1 : 1;
      return join(untilStep(1, end + inc, inc));
    }
    case 2: {
      const [start, end] = ps as [number, number];
      const step = end < start ? -1 : 1;
      return join(untilStep(start, end + step, step));
    }
    case 3: {
      const [start, step, end] = ps as [number, number, number];
      let inc = 1;
      if (end < start) {
        inc = -1;
        if (step > 0) return '';
      }
      return join(untilStep(start, end + inc, step));
    }
    default:
      return '';
  }
}
