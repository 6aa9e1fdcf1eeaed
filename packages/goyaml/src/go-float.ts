/**
 * Go's strconv.FormatFloat(f, 'g', -1, 64): shortest round-trip digits; with shortest precision Go
 * decides on exponent form with precision 6, i.e. when the decimal exponent is < -4 or >= 6.
 */
export function formatGoFloatG(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const { negative, digits, exp } = shortestDigits(f);
  const sign = negative ? '-' : '';
  // exp is the exponent of the first digit (d.ddd x 10^exp)
  if (exp < -4 || exp >= 6) {
    return sign + exponentForm(digits, exp);
  }
  return sign + fixedForm(digits, exp);
}

/** Go's %e layout for shortest digits: d.ddde+XX (at least two exponent digits). */
function exponentForm(digits: string, exp: number): string {
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp);
  return `${mantissa}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' : ''}${e}`;
}

function fixedForm(digits: string, exp: number): string {
  if (exp < 0) return `0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return digits + '0'.repeat(exp + 1 - digits.length);
  return `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** Shortest decimal digits that round-trip (what JS's toExponential() without argument gives). */
function shortestDigits(f: number): { negative: boolean; digits: string; exp: number } {
  const negative = f < 0;
  const s = Math.abs(f).toExponential();
  const eAt = s.indexOf('e');
  const digits = s.slice(0, eAt).replace('.', '');
  const exp = Number(s.slice(eAt + 1));
  return { negative, digits, exp };
}

/**
 * Go's encoding/json float64 encoding: shortest digits, 'f' layout unless |f| < 1e-6 or >= 1e21,
 * where it uses 'e' layout with the exponent's leading zero removed (1e-07 -> 1e-7).
 */
export function formatGoJsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new Error(`json: unsupported value: ${formatGoFloatG(f)}`);
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const abs = Math.abs(f);
  const { negative, digits, exp } = shortestDigits(f);
  const sign = negative ? '-' : '';
  if (abs < 1e-6 || abs >= 1e21) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${Math.abs(exp)}`;
  }
  return sign + fixedForm(digits, exp);
}

/**
 * Go's strconv.FormatFloat(f, 'g', -1, 32): the shortest digits that read back as the same float32
 * (sigs.k8s.io/yaml writes float map keys so: 18446744073709551616 becomes `1.8446744e+19`).
 */
export function formatGoFloat32G(f: number): string {
  const x = Math.fround(f);
  if (!Number.isFinite(x) || x === 0) return formatGoFloatG(x);
  let s = x.toExponential(8);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = x.toExponential(digits - 1);
    if (Math.fround(Number(candidate)) === x) {
      s = candidate;
      break;
    }
  }
  const eAt = s.indexOf('e');
  const negative = s.startsWith('-');
  const digitText = s.slice(negative ? 1 : 0, eAt).replace('.', '');
  const exp = Number(s.slice(eAt + 1));
  const sign = negative ? '-' : '';
  return sign + (exp < -4 || exp >= 6 ? exponentForm(digitText, exp) : fixedForm(digitText, exp));
}
