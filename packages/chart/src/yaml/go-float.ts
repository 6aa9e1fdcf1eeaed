/**
 * Go's strconv.FormatFloat(f, 'g', -1, bitSize): the shortest digits that round-trip at the
 * given precision; with shortest precision Go switches to exponent form when the decimal
 * exponent is < -4 or >= 6 (so 1000000 gives `1e+06`). sigs.k8s.io/yaml uses the 32-bit
 * form when it turns float map keys and float values for string fields into strings.
 */
export function formatGoFloat(f: number, bitSize: 32 | 64 = 64): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const x = bitSize === 32 ? Math.fround(f) : f;
  let digits = '';
  let exp = 0;
  for (let p = 1; p <= 17; p++) {
    const s = Math.abs(x).toExponential(p - 1);
    const back = Number(s);
    if (bitSize === 32 ? Math.fround(back) === Math.abs(x) : back === Math.abs(x)) {
      const [mant, e] = s.split('e');
      digits = mant.replace('.', '');
      exp = Number(e);
      break;
    }
  }
  digits = digits.replace(/0+$/, '') || '0';
  const sign = x < 0 ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const ae = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}
