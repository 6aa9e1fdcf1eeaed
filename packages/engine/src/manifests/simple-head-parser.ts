/**
 * A fast reader for the usual shape of a manifest head — nested block mappings of `key: scalar`
 * lines — so sorting thousands of documents does not run a full YAML parser on each. Anything
 * else (lists, flow collections, anchors, tags, block scalars, escapes, comments after values)
 * returns undefined and the caller falls back to the full parser.
 */
import { resolvePlain } from '@helmts/goyaml';

const KEY_LINE = /^( *)([A-Za-z0-9_./-][A-Za-z0-9_./ -]*?|"[^"\\]*"|'[^']*')[ ]*:(?: +(.*))?$/;
const PLAIN_UNSAFE = /^[-?:,[\]{}#&*!|>'"%@`]|: | #|[\t]/;

function scalar(text: string): { ok: boolean; value?: unknown } {
  const t = text.replace(/ +$/, '');
  if (t.startsWith('"')) {
    if (!t.endsWith('"') || t.length < 2 || t.slice(1, -1).includes('"') || t.includes('\\')) return { ok: false };
    return { ok: true, value: t.slice(1, -1) };
  }
  if (t.startsWith("'")) {
    if (!t.endsWith("'") || t.length < 2 || t.slice(1, -1).includes("'")) return { ok: false };
    return { ok: true, value: t.slice(1, -1) };
  }
  if (PLAIN_UNSAFE.test(t)) return { ok: false };
  const r = resolvePlain(t);
  switch (r.tag) {
    case 'str': return { ok: true, value: r.value };
    case 'null': return { ok: true, value: null };
    case 'bool': return { ok: true, value: r.value };
    case 'int': return { ok: true, value: Number(r.value) };
    case 'float': return Number.isFinite(r.value) ? { ok: true, value: r.value } : { ok: false };
    default: return { ok: false };
  }
}

function unquoteKey(k: string): string {
  return k.startsWith('"') || k.startsWith("'") ? k.slice(1, -1) : k;
}

export function parseSimpleBlockMapping(text: string): Record<string, unknown> | undefined {
  const root: Record<string, unknown> = {};
  // stack of [indent, map]
  const stack: Array<[number, Record<string, unknown>]> = [[0, root]];
  let pendingKey: { map: Record<string, unknown>; key: string; indent: number } | undefined;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '' || /^ *#/.test(raw)) continue;
    const m = KEY_LINE.exec(raw);
    if (!m) return undefined;
    const indent = m[1].length;
    const key = unquoteKey(m[2]);
    if (pendingKey) {
      if (indent > pendingKey.indent) {
        const child: Record<string, unknown> = {};
        pendingKey.map[pendingKey.key] = child;
        stack.push([indent, child]);
      } else {
        pendingKey.map[pendingKey.key] = null;
      }
      pendingKey = undefined;
    }
    while (stack.length > 1 && stack[stack.length - 1][0] > indent) stack.pop();
    const [top, map] = stack[stack.length - 1];
    if (top !== indent) return undefined;
    if (m[3] === undefined || m[3] === '') {
      pendingKey = { map, key, indent };
      continue;
    }
    const v = scalar(m[3]);
    if (!v.ok) return undefined;
    map[key] = v.value;
  }
  if (pendingKey) pendingKey.map[pendingKey.key] = null;
  return root;
}
