import assert from 'node:assert/strict';
import { resolvePlain } from '@helmts/goyaml';
import { parseSimpleBlockMapping } from '../src/manifests/simple-head-parser.js';
import { readManifestHead } from '../src/manifests/sort-manifests.js';

// The previous, regex-based reader: the reference the scanner must agree with on every input.
const KEY_LINE = /^( *)([A-Za-z0-9_./-][A-Za-z0-9_./ -]*?|"[^"\\]*"|'[^']*')[ ]*:(?: +(.*))?$/;
const PLAIN_UNSAFE = /^[-?:,[\]{}#&*!|>'"%@`]|: | #|[\t]/;

function refScalar(text: string): { ok: boolean; value?: unknown } {
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
    case 'str':
      return { ok: true, value: r.value };
    case 'null':
      return { ok: true, value: null };
    case 'bool':
      return { ok: true, value: r.value };
    case 'int':
      return { ok: true, value: Number(r.value) };
    case 'float':
      return Number.isFinite(r.value) ? { ok: true, value: r.value } : { ok: false };
    default:
      // a timestamp, or `<<` as a value: text, as the full reader (sigs.k8s.io/yaml) has them
      return { ok: true, value: t };
  }
}

function refParse(text: string): Record<string, unknown> | undefined {
  const root: Record<string, unknown> = {};
  const stack: Array<[number, Record<string, unknown>]> = [[0, root]];
  let pendingKey: { map: Record<string, unknown>; key: string; indent: number } | undefined;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '' || /^ *#/.test(raw)) continue;
    const m = KEY_LINE.exec(raw);
    if (!m) return undefined;
    const indent = m[1].length;
    const key = m[2].startsWith('"') || m[2].startsWith("'") ? m[2].slice(1, -1) : m[2];
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
    const v = refScalar(m[3]);
    if (!v.ok) return undefined;
    map[key] = v.value;
  }
  if (pendingKey) pendingKey.map[pendingKey.key] = null;
  return root;
}

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'apiVersion',
  'kind',
  'metadata',
  'name',
  'annotations',
  'labels',
  'helm.sh/hook',
  'a b',
  'a ',
  '-x',
  '.x',
  '/x',
  '"q k"',
  "'s k'",
  '"a\\b"',
  '"a:b"',
  "'a''b'",
  '"unterminated',
  'x\ty',
  'é',
  '#c',
  '- a',
  '? k',
  '',
  'k\r',
  '"k\r"',
];
const VALUES = [
  '',
  ' ',
  '  ',
  'v',
  'v ',
  'Deployment',
  'apps/v1',
  '"quoted"',
  '"q"  ',
  "'single'",
  "'it''s'",
  '"a\\"b"',
  '"a"b"',
  '"',
  "'",
  'true',
  'yes',
  'no',
  '~',
  'null',
  '12',
  '-5',
  '0x1F',
  '1.5',
  '.inf',
  '-.inf',
  '.nan',
  '1e3',
  '2001-12-14',
  '<<',
  'a: b',
  'a #b',
  'a#b',
  'x\ty',
  '-a',
  '[a]',
  '{a: 1}',
  '&anchor',
  '*alias',
  '!tag',
  '|',
  '>',
  '%x',
  '@x',
  '`x',
  'pre-install,post-install',
  '"5"',
  'a\rb',
  'a\u2028b',
  'é',
  'two words',
  'value   ',
];
const PREFIX = ['', '', '', '  ', '    ', ' ', '   ', '\t', '#', '  # c'];

function randomDoc(r: () => number): string {
  const lines: string[] = [];
  const n = 1 + Math.floor(r() * 8);
  for (let i = 0; i < n; i++) {
    const x = r();
    if (x < 0.05) {
      lines.push('');
      continue;
    }
    if (x < 0.08) {
      lines.push(PREFIX[Math.floor(r() * PREFIX.length)] + ' comment');
      continue;
    }
    if (x < 0.1) {
      lines.push(' \t ');
      continue;
    }
    const prefix = PREFIX[Math.floor(r() * 7)];
    const key = KEYS[Math.floor(r() * KEYS.length)];
    const sep = r() < 0.9 ? ':' : r() < 0.5 ? ' :' : ':x';
    const value = VALUES[Math.floor(r() * VALUES.length)];
    lines.push(`${prefix}${key}${sep}${value === '' ? '' : (r() < 0.9 ? ' ' : '   ') + value}`);
  }
  return lines.join('\n') + (r() < 0.5 ? '\n' : '');
}

describe('simple manifest head reader', () => {
  it('reads nested block mappings of scalars', () => {
    const doc =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    a: "1"\n  annotations:\n' +
      "    helm.sh/hook: pre-install\n    'x': 5\n  empty:\n# c\n\n";
    assert.deepEqual(parseSimpleBlockMapping(doc), {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { a: '1' }, annotations: { 'helm.sh/hook': 'pre-install', x: 5 }, empty: null },
    });
    assert.equal(parseSimpleBlockMapping('a: [1]'), undefined);
    assert.equal(parseSimpleBlockMapping('  a: 1'), undefined);
  });

  it('passes over the metadata entries SimpleHead has no field for, unread', () => {
    const doc =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  labels:\n    a: {flow: x}\n    b: &anchor\n' +
      '  name: web\n  namespace: [odd]\n  annotations:\n    helm.sh/hook: pre-install\n  finalizers:\n  - x\n';
    const only = { apiVersion: 'all', kind: 'all', metadata: ['name', 'annotations'] } as const;
    assert.deepEqual(parseSimpleBlockMapping(doc, only), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'web', annotations: { 'helm.sh/hook': 'pre-install' } },
    });
    assert.equal(parseSimpleBlockMapping(doc), undefined);
    // what is kept is still read strictly, and so are other top-level entries
    assert.equal(parseSimpleBlockMapping('metadata:\n  name: [web]\n', only), undefined);
    assert.equal(parseSimpleBlockMapping('kind: [x]\nmetadata:\n  name: web\n', only), undefined);
    // top-level entries not kept are passed over with their sequences, block scalars end the fast path
    assert.deepEqual(
      parseSimpleBlockMapping('spec:\n  x: {a: [1]}\nlist:\n- a\n- b: c\nmetadata:\n  labels: y\nkind: K\n', only),
      { metadata: {}, kind: 'K' },
    );
    assert.equal(parseSimpleBlockMapping('data: |\n  text\nkind: K\n', only), undefined);
    assert.equal(parseSimpleBlockMapping('data: &a x\nkind: K\n', only), undefined);
  });

  it('agrees with the regex-based reader on random documents', () => {
    const r = rng(7);
    let read = 0;
    for (let i = 0; i < 30000; i++) {
      const doc = randomDoc(r);
      const want = refParse(doc);
      assert.deepEqual(parseSimpleBlockMapping(doc), want, JSON.stringify(doc));
      if (want !== undefined) read++;
    }
    assert.ok(read > 1000, `only ${read} documents readable`);
  });
});

describe('manifest heads read fast agree with a full YAML read', () => {
  const TOP = ['apiVersion: v1', 'kind: ConfigMap', 'kind: "Job"', "apiVersion: 'batch/v1'", 'spec:', 'data:', 'list:'];
  const NESTED = [
    '  name: web',
    '  name: "web-1"',
    '  namespace: ns',
    '  labels:',
    '    app: web',
    '    tier: "1"',
    '  annotations:',
    '    helm.sh/hook: pre-install',
    '    "helm.sh/hook-weight": "-5"',
    '    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded',
    '  x: {a: [1, 2]}',
    '  - item',
    '- item',
    '- {a: 1}',
    '  replicas: 3',
    '  empty:',
    '# comment',
    '',
    '  y: |',
    '    block text',
  ];

  it('on random documents whose full read succeeds', () => {
    const r = rng(11);
    let compared = 0;
    for (let i = 0; i < 20000; i++) {
      const lines: string[] = [];
      const n = 2 + Math.floor(r() * 10);
      for (let j = 0; j < n; j++) {
        if (r() < 0.35) lines.push(TOP[Math.floor(r() * TOP.length)]);
        else if (r() < 0.15) lines.push('metadata:');
        else lines.push(NESTED[Math.floor(r() * NESTED.length)]);
      }
      const doc = lines.join('\n');
      let want: unknown;
      try {
        want = readManifestHead('t.yaml', doc, true);
      } catch {
        continue; // the fast path may pass over what the full read rejects (see readManifestHead)
      }
      assert.deepEqual(readManifestHead('t.yaml', doc), want, JSON.stringify(doc));
      compared++;
    }
    assert.ok(compared > 2000, `only ${compared} documents compared`);
  });
});
