/** YAML 1.1 words Go's yaml.v2 (Helm 2's YAML writer) reads as booleans, null, infinities or NaN. */
const NON_STRING_WORDS =
  /^(y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$/;
/** An integer as Go's strconv.ParseInt(s, 0, 64) reads it (after yaml.v2 drops the underscores). */
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;
/** yaml.v2's yamlStyleFloat. */
const GO_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
/** yaml.v2's date-only timestamp (2006-1-2). */
const GO_DATE = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$/;

function readsAsDate(value: string): boolean {
  const match = GO_DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/**
 * A chart name (`^[a-zA-Z0-9._-]+$`) as Go's yaml.v2 writes it, as Helm 2's Chart.yaml has it:
 * double-quoted when yaml.v2 would read the plain text back as something other than a string
 * (a number, a boolean, null, a date), plain otherwise.
 */
export function goYamlChartName(value: string): string {
  if (NON_STRING_WORDS.test(value)) return JSON.stringify(value);
  if (!/^[-+.0-9]/.test(value)) return value;
  const plain = value.replaceAll('_', '');
  return GO_INT.test(plain) || GO_FLOAT.test(plain) || readsAsDate(value) ? JSON.stringify(value) : value;
}
