/** Go's time.Duration: ParseDuration and String, in bigint nanoseconds. */

const UNITS: Record<string, bigint> = {
  ns: 1n,
  us: 1000n,
  µs: 1000n,
  μs: 1000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const INT64_MAX = (1n << 63n) - 1n;

export function parseGoDuration(s: string): bigint {
  const orig = s;
  const invalid = () => new Error(`time: invalid duration ${JSON.stringify(orig)}`);
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    const m = /^([0-9]*)(\.([0-9]*))?/.exec(s)!;
    const intPart = m[1]!;
    const fracPart = m[3] ?? '';
    if (intPart === '' && fracPart === '') throw invalid();
    s = s.slice(m[0].length);
    const u = /^[^0-9.]+/.exec(s);
    if (!u) throw new Error(`time: missing unit in duration ${JSON.stringify(orig)}`);
    const unit = UNITS[u[0]];
    if (unit === undefined)
      throw new Error(`time: unknown unit ${JSON.stringify(u[0])} in duration ${JSON.stringify(orig)}`);
    s = s.slice(u[0].length);
    let v = BigInt(intPart || '0') * unit;
    if (fracPart !== '') {
      const scale = 10n ** BigInt(fracPart.length);
      v += (BigInt(fracPart) * unit) / scale;
    }
    total += v;
    if (total > INT64_MAX + (neg ? 1n : 0n)) throw invalid();
  }
  return neg ? -total : total;
}

function fmtFrac(v: bigint, prec: number): { digits: string; rest: bigint } {
  // the fractional part of v/10^prec without trailing zeros
  let digits = '';
  let print = false;
  for (let i = 0; i < prec; i++) {
    const d = v % 10n;
    print = print || d !== 0n;
    if (print) digits = d.toString() + digits;
    v /= 10n;
  }
  return { digits: print ? '.' + digits : '', rest: v };
}

export function formatGoDuration(d: bigint): string {
  if (d === 0n) return '0s';
  const neg = d < 0n;
  let u = neg ? -d : d;
  let out: string;
  if (u < 1_000_000_000n) {
    let prec: number;
    let unit: string;
    if (u < 1000n) return (neg ? '-' : '') + u.toString() + 'ns';
    if (u < 1_000_000n) {
      prec = 3;
      unit = 'µs';
    } else {
      prec = 6;
      unit = 'ms';
    }
    const { digits, rest } = fmtFrac(u, prec);
    out = rest.toString() + digits + unit;
  } else {
    const { digits, rest } = fmtFrac(u, 9);
    u = rest;
    out = (u % 60n).toString() + digits + 's';
    u /= 60n;
    if (u > 0n) {
      out = (u % 60n).toString() + 'm' + out;
      u /= 60n;
      if (u > 0n) out = u.toString() + 'h' + out;
    }
  }
  return (neg ? '-' : '') + out;
}
