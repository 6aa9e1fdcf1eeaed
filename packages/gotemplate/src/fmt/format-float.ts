/** Go's strconv.FormatFloat for formats 'e', 'E', 'f', 'g', 'G' with exact decimal rounding (half-even on exact ties). */

interface Digits {
  /** significant decimal digits without leading zeros ('' for zero) */
  d: string;
  /** decimal point position: value = 0.d × 10^dp */
  dp: number;
}

/** Shortest digits that round-trip (what Go uses for precision -1). */
function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const s = x.toExponential(); // shortest round-trip digits
  const [mant, exp] = s.split('e');
  const d = mant.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(exp) + 1 };
}

/** Exact decimal expansion of a finite positive double. */
function exactDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, x);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const expBits = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (expBits === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = expBits - 1075;
  }
  let digits: string;
  let dp: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    dp = digits.length;
  } else {
    // mant / 2^-e2 = mant * 5^-e2 / 10^-e2
    digits = (mant * 5n ** BigInt(-e2)).toString();
    dp = digits.length + e2;
  }
  const stripped = digits.replace(/0+$/, '');
  return { d: stripped, dp };
}

/** Rounds digits to n significant digits (n >= 0), half-even on exact ties. */
function roundTo(dg: Digits, n: number): Digits {
  if (n < 0) return { d: '', dp: dg.dp };
  if (dg.d.length <= n) return dg;
  const next = dg.d.charCodeAt(n) - 48;
  let up: boolean;
  if (next > 5) up = true;
  else if (next < 5) up = false;
  else if (dg.d.length > n + 1)
    up = true; // more nonzero digits follow (trailing zeros stripped)
  else up = n > 0 && (dg.d.charCodeAt(n - 1) - 48) % 2 === 1; // exact half: round to even
  let kept = dg.d.slice(0, n);
  const dp = dg.dp;
  if (up) {
    const arr = kept.split('');
    let i = arr.length - 1;
    while (i >= 0 && arr[i] === '9') {
      arr[i] = '0';
      i--;
    }
    if (i < 0) return { d: '1', dp: dp + 1 };
    arr[i] = String.fromCharCode(arr[i].charCodeAt(0) + 1);
    kept = arr.join('');
  }
  return { d: kept.replace(/0+$/, ''), dp };
}

function fmtE(dg: Digits, prec: number, upper: boolean): string {
  const first = dg.d[0] ?? '0';
  let s = first;
  if (prec > 0) {
    let frac = dg.d.slice(1, 1 + prec);
    frac = frac.padEnd(prec, '0');
    s += '.' + frac;
  }
  let exp = dg.d === '' ? 0 : dg.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return s + (upper ? 'E' : 'e') + sign + (exp < 10 ? '0' + exp : String(exp));
}

function fmtF(dg: Digits, prec: number): string {
  let s: string;
  if (dg.dp > 0) {
    s = dg.d.slice(0, dg.dp).padEnd(dg.dp, '0');
  } else {
    s = '0';
  }
  if (prec > 0) {
    let frac = '';
    for (let i = 0; i < prec; i++) {
      const j = dg.dp + i;
      frac += j < 0 || j >= dg.d.length ? '0' : dg.d[j];
    }
    s += '.' + frac;
  }
  return s;
}

/**
 * strconv.FormatFloat(x, fmt, prec, 64). prec -1 = shortest round-trip.
 * Infinities and NaN print as +Inf, -Inf, NaN.
 */
export function formatFloat(x: number, fmt: 'e' | 'E' | 'f' | 'F' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const ax = Math.abs(x);
  const shortest = prec < 0;
  let body: string;
  switch (fmt) {
    case 'e':
    case 'E': {
      const dg = shortest ? shortestDigits(ax) : roundTo(exactDigits(ax), prec + 1);
      body = fmtE(dg, shortest ? Math.max(dg.d.length - 1, 0) : prec, fmt === 'E');
      break;
    }
    case 'f':
    case 'F': {
      let dg: Digits;
      if (shortest) dg = shortestDigits(ax);
      else {
        const ex = exactDigits(ax);
        dg = roundTo(ex, ex.dp + prec);
      }
      body = fmtF(dg, shortest ? Math.max(dg.d.length - dg.dp, 0) : prec);
      break;
    }
    default: {
      let p = prec;
      if (p === 0) p = 1;
      const dg = shortest ? shortestDigits(ax) : roundTo(exactDigits(ax), p);
      let eprec = shortest ? 6 : p;
      if (!shortest && eprec > dg.d.length && dg.d.length >= dg.dp) eprec = dg.d.length;
      const exp = dg.dp - 1;
      if (dg.d !== '' && (exp < -4 || exp >= eprec)) {
        body = fmtE(dg, Math.max(dg.d.length - 1, 0), fmt === 'G');
      } else {
        body = fmtF(dg, Math.max(dg.d.length - dg.dp, 0));
      }
    }
  }
  return neg ? '-' + body : body;
}
