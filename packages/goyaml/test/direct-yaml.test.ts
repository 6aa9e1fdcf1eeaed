import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { emitYaml, toJsonRoundTripNode, compareGoYamlKeys, goYamlKeyLess } from '../src/index.js';
import { marshalYamlDirect } from '../src/direct-yaml.js';

/** The general path: value → YamlNode tree → emitter. */
function viaNodes(v: unknown): string {
  return emitYaml(toJsonRoundTripNode(v));
}

function agree(v: unknown): boolean {
  const direct = marshalYamlDirect(v);
  if (direct === undefined) return false;
  assert.equal(
    direct,
    viaNodes(v),
    `direct writer differs for ${JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x))}`,
  );
  return true;
}

/** Deterministic PRNG (mulberry32). */
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

const WORDS = [
  '',
  ' ',
  'a',
  'app',
  'name',
  'true',
  'True',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  'null',
  '~',
  'Null',
  '1',
  '0',
  '-1',
  '+1',
  '1.5',
  '.5',
  '1e3',
  '0x1F',
  '0o17',
  '0b101',
  '1_000',
  '12:30',
  '1:20:30.5',
  '2001-12-14',
  '2001-12-14 21:59:43.10',
  '2001-12-14t21:59:43.10-05:00',
  '500m',
  '128Mi',
  'v1.2.3',
  'IfNotPresent',
  'kubernetes.io/os',
  'app.kubernetes.io/name',
  'foo:',
  'foo:bar',
  'a: b',
  'a #b',
  'a#b',
  '-',
  '-a',
  '- a',
  '--',
  '---',
  '...',
  '.hidden',
  '?',
  '? a',
  ':a',
  '*a',
  '&a',
  '!a',
  '|',
  '>',
  '%a',
  '@a',
  '`a',
  "'a'",
  '"a"',
  'a"b',
  'a\\b',
  'a b',
  'a  b',
  'a ',
  ' a',
  'a\tb',
  'a\nb',
  'a\n',
  'é',
  'naïve text',
  '\u0085',
  'x'.repeat(70),
  'y'.repeat(130),
  'word '.repeat(20).trim(),
  'a b c d e f g h i j k l m n o p q r s t u v w x y z a b c d e f g h i j k l m n o p',
  '[a]',
  '{a}',
  'a,b',
  '=',
  '<<',
  '(x)',
  '$x',
  '^x',
  ';x',
  '/x',
  '\\x',
  '_x',
  '~x',
  '+x',
  '=x',
  'a:b: c',
  'http://example.com/x?y=z#frag',
];

function randomValue(r: () => number, depth: number): unknown {
  const pick = r();
  if (depth > 4 || pick < 0.45) {
    const s = r();
    if (s < 0.55) return WORDS[Math.floor(r() * WORDS.length)];
    if (s < 0.65) return BigInt(Math.floor(r() * 2000) - 1000);
    if (s < 0.8) {
      const choices = [0, -0, 1, -1, 0.5, 1e6, 1e21, 1e-7, 123456789.125, 2 ** 53, -3.25, 1e100, NaN, Infinity];
      return choices[Math.floor(r() * choices.length)];
    }
    if (s < 0.88) return r() < 0.5;
    if (s < 0.95) return null;
    return undefined;
  }
  if (pick < 0.7) {
    const n = Math.floor(r() * 5);
    return Array.from({ length: n }, () => randomValue(r, depth + 1));
  }
  const n = Math.floor(r() * 5);
  const o: Record<string, unknown> = {};
  for (let i = 0; i < n; i++)
    o[WORDS[Math.floor(r() * WORDS.length)] + (r() < 0.3 ? String(Math.floor(r() * 12)) : '')] = randomValue(
      r,
      depth + 1,
    );
  return o;
}

describe('direct YAML writer (marshalYaml fast path)', () => {
  it('writes the usual chart values directly, byte-identical to the node emitter', () => {
    const values = [
      { image: { repository: 'registry.example.com/team/app', tag: 'v1.2.3', pullPolicy: 'IfNotPresent' } },
      { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
      { 'kubernetes.io/os': 'linux' },
      [{ key: 'dedicated', operator: 'Equal', value: 'app', effect: 'NoSchedule' }],
      [[1n, 2n], [], {}, [[]], { a: [] }],
      { a: { b: { c: [{ d: [{ e: 1n }] }] } } },
      { replicas: 2n, enabled: true, ratio: 0.5, nothing: null, big: 1e21, tiny: 1e-7 },
      { ports: [{ name: 'http', containerPort: 8080n, protocol: 'TCP' }], args: ['--flag', '-v', 'run'] },
      { description: 'a short sentence with spaces', version: '1.0', on: 'yes', empty: '' },
      'plain',
      'two words',
      '',
      'true',
      1n,
      2.5,
      true,
      null,
      [],
      {},
    ];
    for (const v of values)
      assert.ok(
        agree(v),
        `not written directly: ${JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? `${x}n` : x))}`,
      );
  });

  it('agrees with the node emitter on random values (or leaves them to it)', () => {
    const r = rng(20240601);
    let direct = 0;
    for (let i = 0; i < 20000; i++) if (agree(randomValue(r, 0))) direct++;
    // the writer must cover a good share of them, or the test proves little
    assert.ok(direct > 5000, `only ${direct} written directly`);
  });

  it('agrees with the node emitter on every toYaml oracle input it accepts', () => {
    const records: Array<{ json: string }> = JSON.parse(
      readFileSync(new URL('./fixtures/to-yaml-oracle.json', import.meta.url), 'utf8'),
    );
    for (const rec of records) agree((JSON.parse(rec.json) as { v: unknown }).v);
  });

  it('sorts keys as goYamlKeyLess orders them', () => {
    const r = rng(99);
    for (let i = 0; i < 20000; i++) {
      const a = WORDS[Math.floor(r() * WORDS.length)] + (r() < 0.5 ? String(Math.floor(r() * 30)) : '');
      const b = WORDS[Math.floor(r() * WORDS.length)] + (r() < 0.5 ? String(Math.floor(r() * 30)) : '');
      const want = goYamlKeyLess(a, b) ? -1 : goYamlKeyLess(b, a) ? 1 : 0;
      assert.equal(compareGoYamlKeys(a, b), want, `${a} vs ${b}`);
    }
  });

  it('leaves values outside its subset to the general path', () => {
    class Point {
      x = 1n;
    }
    for (const v of [
      'a\nb',
      'é',
      'foo:',
      '- a',
      new Map([['a', 1n]]),
      new Uint8Array([1]),
      new Point(),
      { f: () => 1 },
      NaN,
      Infinity,
      { toJSON: () => 'x' },
      'x '.repeat(50),
      { k: 'word '.repeat(16) },
      { ['k'.repeat(129)]: 1n },
    ]) {
      assert.equal(marshalYamlDirect(v), undefined);
    }
    const deep: unknown[] = [];
    let cur = deep;
    for (let i = 0; i < 300; i++) {
      const next: unknown[] = [1n];
      cur.push(next);
      cur = next;
    }
    assert.equal(marshalYamlDirect(deep), undefined);
    // eslint-disable-next-line no-sparse-arrays
    assert.equal(marshalYamlDirect([1n, , 2n]), undefined);
  });
});
