/**
 * The kubeconfig as `yaml`'s parse() reads it, for the YAML kubectl and cluster tools write: block
 * mappings and sequences (a sequence may start at its key's indentation), plain scalars that are
 * strings, true or false, simply quoted strings, and `{}` / `[]`. The YAML library's first parse in
 * a process costs a tunnelled command 8-15 ms (its code runs cold); this costs well under one.
 * Anything else (flow collections, block scalars, anchors, tags, comments after a value, escapes,
 * numbers, null words, duplicate keys, multi-line scalars, tabs) gives `undefined`: the caller then
 * parses the text with the YAML library, so the result never differs from it.
 */
export function parseSimpleKubeconfigYaml(text: string): unknown {
  const lines: { indent: number; text: string }[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (line.includes('\t')) return undefined;
    const body = line.trimEnd();
    const content = body.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    if (content.includes(' #') || content === '---' || content === '...' || content.startsWith('%')) return undefined;
    lines.push({ indent: body.length - content.length, text: content });
  }
  if (lines.length === 0 || lines[0].indent !== 0) return undefined;
  const state = { at: 0 };
  const value = block(lines, state, 0);
  return value === undefined || state.at !== lines.length ? undefined : value;
}

type Line = { indent: number; text: string };

const UNSUPPORTED = Symbol('unsupported');
const KEY = /^([A-Za-z_][A-Za-z0-9_./-]*):(?: (.*))?$/;

/** The block (mapping or sequence) whose lines start at `indent`, from state.at on. */
function block(lines: Line[], state: { at: number }, indent: number): unknown {
  const first = lines[state.at];
  if (!first || first.indent !== indent) return undefined;
  return first.text === '-' || first.text.startsWith('- ')
    ? sequence(lines, state, indent)
    : mapping(lines, state, indent);
}

function mapping(lines: Line[], state: { at: number }, indent: number): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  while (state.at < lines.length && lines[state.at].indent === indent) {
    const line = lines[state.at];
    if (line.text.startsWith('- ') || line.text === '-') break;
    const entry = entryOf(line.text);
    if (!entry || Object.hasOwn(out, entry.key)) return undefined;
    state.at++;
    const value = entry.rest === undefined ? nested(lines, state, indent) : scalar(entry.rest);
    if (value === UNSUPPORTED) return undefined;
    // a plain scalar that goes on over the next, deeper line
    if (entry.rest !== undefined && state.at < lines.length && lines[state.at].indent > indent) return undefined;
    out[entry.key] = value;
  }
  if (state.at < lines.length && lines[state.at].indent > indent) return undefined;
  return out;
}

function sequence(lines: Line[], state: { at: number }, indent: number): unknown[] | undefined {
  const out: unknown[] = [];
  while (state.at < lines.length && lines[state.at].indent === indent) {
    const line = lines[state.at];
    if (!line.text.startsWith('- ')) return line.text === '-' ? undefined : out;
    const item = line.text.slice(2).trimStart();
    const column = indent + (line.text.length - item.length);
    if (entryOf(item)) {
      // `- key: value`: a mapping whose entries sit at the column of its first key
      lines[state.at] = { indent: column, text: item };
      const value = mapping(lines, state, column);
      if (value === undefined) return undefined;
      out.push(value);
    } else {
      state.at++;
      const value = scalar(item);
      if (value === UNSUPPORTED) return undefined;
      if (state.at < lines.length && lines[state.at].indent > indent) return undefined;
      out.push(value);
    }
  }
  if (state.at < lines.length && lines[state.at].indent > indent) return undefined;
  return out;
}

/** The value of `key:` with nothing after it: a deeper block, a sequence at the key's own column, or null. */
function nested(lines: Line[], state: { at: number }, indent: number): unknown {
  const next = lines[state.at];
  if (!next || next.indent < indent) return null;
  if (next.indent === indent) {
    if (!(next.text === '-' || next.text.startsWith('- '))) return null;
    return sequence(lines, state, indent) ?? UNSUPPORTED;
  }
  return block(lines, state, next.indent) ?? UNSUPPORTED;
}

function entryOf(text: string): { key: string; rest?: string } | undefined {
  const m = KEY.exec(text);
  if (!m || SPECIAL_WORD.test(m[1]) || m[1] === '__proto__') return undefined;
  const rest = m[2]?.trim();
  return { key: m[1], rest: rest === '' ? undefined : rest };
}

// Plain scalars the core schema reads as something other than a string (null, numbers) or that
// need more care: left to the YAML library.
const SPECIAL_WORD = /^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+.0-9].*|\.(inf|Inf|INF|nan|NaN|NAN))$/;

function scalar(text: string): unknown {
  if (text === '{}') return {};
  if (text === '[]') return [];
  if (text.startsWith('"')) {
    const inner = text.slice(1, -1);
    return text.length >= 2 && text.endsWith('"') && !/["\\]/.test(inner) ? inner : UNSUPPORTED;
  }
  if (text.startsWith("'")) {
    const inner = text.slice(1, -1);
    return text.length >= 2 && text.endsWith("'") && !inner.replaceAll("''", '').includes("'")
      ? inner.replaceAll("''", "'")
      : UNSUPPORTED;
  }
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (SPECIAL_WORD.test(text) || /^[[\]{}&*!|>%@`,?:-]/.test(text) || /: |:$|\s#/.test(text)) return UNSUPPORTED;
  return text;
}
