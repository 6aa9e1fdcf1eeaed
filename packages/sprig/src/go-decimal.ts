/**
 * The slice of shopspring/decimal that Sprig's float functions (addf, subf, mulf, divf, add1f) use:
 * each float64 becomes its shortest decimal form, arithmetic is exact, division keeps 16 decimal places
 * rounding half away from zero, and the result is read back as the nearest float64.
 */
export class Decimal {
  constructor(
    readonly mantissa: bigint,
    readonly exponent: number,
  ) {}

  static fromFloat(f: number): Decimal {
    if (Number.isNaN(f)) throw new Error('Cannot create a Decimal from NaN');
    if (!Number.isFinite(f)) throw new Error(`Cannot create a Decimal from ${f > 0 ? '+Inf' : '-Inf'}`);
    if (f === 0) return new Decimal(0n, 0);
    const [mant, exp] = f.toExponential().split('e') as [string, string];
    const neg = mant.startsWith('-');
    const digits = mant.replace('-', '').replace('.', '');
    const m = BigInt(digits);
    return new Decimal(neg ? -m : m, Number(exp) - (digits.length - 1));
  }

  private rescale(exp: number): bigint {
    return this.mantissa * 10n ** BigInt(this.exponent - exp);
  }

  add(o: Decimal): Decimal {
    const e = Math.min(this.exponent, o.exponent);
    return new Decimal(this.rescale(e) + o.rescale(e), e);
  }

  sub(o: Decimal): Decimal {
    const e = Math.min(this.exponent, o.exponent);
    return new Decimal(this.rescale(e) - o.rescale(e), e);
  }

  mul(o: Decimal): Decimal {
    return new Decimal(this.mantissa * o.mantissa, this.exponent + o.exponent);
  }

  div(o: Decimal, precision = 16): Decimal {
    if (o.mantissa === 0n) throw new Error('decimal division by 0');
    const k = this.exponent - o.exponent + precision;
    let num = this.mantissa;
    let den = o.mantissa;
    if (k >= 0) num *= 10n ** BigInt(k);
    else den *= 10n ** BigInt(-k);
    let q = num / den;
    const r = num - q * den;
    const abs = (x: bigint) => (x < 0n ? -x : x);
    if (2n * abs(r) >= abs(den)) q += num < 0n !== den < 0n ? -1n : 1n;
    return new Decimal(q, -precision);
  }

  toString(): string {
    const neg = this.mantissa < 0n;
    let digits = (neg ? -this.mantissa : this.mantissa).toString();
    let out: string;
    if (this.exponent >= 0) out = digits + '0'.repeat(this.exponent);
    else {
      const point = -this.exponent;
      if (digits.length <= point) digits = '0'.repeat(point - digits.length + 1) + digits;
      out = digits.slice(0, digits.length - point) + '.' + digits.slice(digits.length - point);
    }
    return (neg ? '-' : '') + out;
  }

  toFloat64(): number {
    return parseFloat(this.toString());
  }
}
