/**
 * What varies between two runs of the same command line and nothing else: times, ages, the
 * namespaces each phase uses, the client's and Tiller's versions, the program's name, and the
 * phase's scratch paths. Everything else must match byte for byte.
 */
export interface MaskContext {
  /** Strings that name the same thing in each phase (namespace, Tiller address...), by placeholder. */
  replacements: Record<string, string>;
}

const GO_TIME =
  /\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [ \d]\d \d\d:\d\d:\d\d \d{4}\b/g;
const RFC3339 = /\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)\b/g;
const PROTO_TIME = /"(seconds|nanos)":\s*\d+/g;
const PROTO_TIME_YAML = /^(\s*)(seconds|nanos): \d+$/gm;

export function mask(text: string, context: MaskContext): string {
  let out = text;
  for (const [value, placeholder] of Object.entries(context.replacements).sort((a, b) => b[0].length - a[0].length))
    if (value) out = out.split(value).join(placeholder);
  out = out
    .replace(GO_TIME, '<TIME>')
    .replace(RFC3339, '<TIME>')
    .replace(PROTO_TIME, '"$1": <N>')
    .replace(PROTO_TIME_YAML, '$1$2: <N>')
    // the programs' names and versions
    .replace(/\bhelmts\b/g, 'helm')
    .replace(/SemVer:"[^"]*", GitCommit:"[^"]*", GitTreeState:"[^"]*"/g, 'SemVer:<V>, GitCommit:<C>, GitTreeState:<S>')
    .replace(/\bv(2\.17\.0|0\.\d+\.\d+)\b/g, '<VERSION>')
    // ages in RESOURCES tables ("0s", "12s", "1m2s")
    .replace(/(\s)(\d+[smhd])+(\s|$)/gm, '$1<AGE>$3')
    // ... and inside `-o json`'s RESOURCES string, where a row ends with an escaped newline
    .replace(/( )(\d+[smhd])+(?=\\n)/g, '$1<AGE>');
  return out;
}
