/**
 * Values as Helm 2's `get values -o json` prints them: Go's json.Marshal of a map, so keys sorted
 * byte-wise at every level (JavaScript objects would put integer-like keys first), <, > and &
 * escaped, one line.
 */
export function valuesJson(values: unknown): string {
  return `${goJson(values).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}

function goJson(value: unknown): string {
  if (typeof value === 'bigint') return value.toString();
  if (Array.isArray(value)) return `[${value.map(goJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const keys = Object.keys(object).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${keys.map((k) => `${JSON.stringify(k)}:${goJson(object[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
