import assert from 'node:assert/strict';
import { parseValuesYaml, ValuesParseError, toYaml, decodeChartYaml, ChartFileDecodeError } from '../src/index.js';

describe('parseValuesYaml (sigs.k8s.io/yaml over go-yaml v2)', () => {
  it('reads YAML 1.1 booleans and nulls', () => {
    const v = parseValuesYaml('a: yes\nb: On\nc: n\nd: off\ne: ~\nf:\ng: "yes"\nh: True\n');
    assert.deepEqual(v, { a: true, b: true, c: false, d: false, e: null, f: null, g: 'yes', h: true });
  });

  it('matches what helm v4.1.4 printed for y/n keys and YAML 1.1 scalars', () => {
    // helm template of `{{ toYaml .Values }}` with exactly these values gave this result
    const v = parseValuesYaml(
      'm: {y: 3, n: 4, yes: 5}\nv: [y, n, Yes, on, off, NO, ~, 0o17, 017, 0b11, +12, 1_000, 1e3, 08]\n',
    );
    assert.deepEqual(v, {
      m: { false: 4, true: 5 },
      v: [true, false, true, true, false, false, null, 15, 15, 3, 12, 1000, 1000, 8],
    });
  });

  it('reads every number as a float64 (JS number), with YAML 1.1 integer forms', () => {
    const v = parseValuesYaml(
      'a: 1\nb: 0x1F\nc: 017\nd: 1_000\ne: 1e3\nf: .5\ng: 08\nh: 12345678901234567890\ni: 1.10\n',
    );
    assert.deepEqual(v, { a: 1, b: 31, c: 15, d: 1000, e: 1000, f: 0.5, g: 8, h: 1.2345678901234567e19, i: 1.1 });
    assert.equal(typeof v.a, 'number');
  });

  it('keeps timestamps and version-like strings as strings', () => {
    assert.deepEqual(parseValuesYaml('a: 2001-12-14\nb: 1.2.3\nc: 1:20\n'), { a: '2001-12-14', b: '1.2.3', c: '1:20' });
  });

  it('stringifies non-string keys as sigs.k8s.io/yaml does', () => {
    assert.deepEqual(parseValuesYaml('1: a\ntrue: b\n1.50: c\n0x10: d\n'), {
      '1': 'a',
      true: 'b',
      '1.5': 'c',
      '16': 'd',
    });
  });

  it('lets a duplicate key win last, and applies merge keys', () => {
    assert.deepEqual(parseValuesYaml('a: 1\na: 2\n'), { a: 2 });
    assert.deepEqual(parseValuesYaml('base: &b {p: 1, q: 2}\nm:\n  <<: *b\n  q: 3\n'), {
      base: { p: 1, q: 2 },
      m: { p: 1, q: 3 },
    });
  });

  it('merges several documents in order and gives {} for an empty file', () => {
    assert.deepEqual(parseValuesYaml('a: {p: 1}\nb: 1\n---\na: {q: 2}\n'), { a: { p: 1, q: 2 }, b: 1 });
    assert.deepEqual(parseValuesYaml(''), {});
    assert.deepEqual(parseValuesYaml('# only a comment\n'), {});
  });

  it('makes __proto__ an ordinary key', () => {
    const v = parseValuesYaml('__proto__: {polluted: true}\n');
    assert.equal(Object.getPrototypeOf(v), Object.prototype);
    assert.deepEqual(Object.keys(v), ['__proto__']);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });

  it('names the file and line of a syntax error', () => {
    assert.throws(
      () => parseValuesYaml('a: 1\nb: [1, 2\nc: 3\n', 'my-values.yaml'),
      (e: unknown) =>
        e instanceof ValuesParseError &&
        e.filename === 'my-values.yaml' &&
        /^my-values\.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line \d+:/.test(
          e.message,
        ),
    );
  });

  it('refuses a top level that is not a map, as Helm does', () => {
    assert.throws(
      () => parseValuesYaml('- a\n', 'v.yaml'),
      /v\.yaml: .*cannot unmarshal array into Go value of type map\[string\]interface \{\}/,
    );
  });

  it('refuses NaN and infinities (they cannot become JSON)', () => {
    assert.throws(() => parseValuesYaml('a: .inf\n'), /json: unsupported value: \+Inf/);
  });

  describe('hostile YAML', () => {
    it('refuses a billion-laughs alias bomb', () => {
      let text = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
      for (let i = 1; i < 10; i++) {
        const prev = String.fromCharCode(96 + i);
        const cur = String.fromCharCode(97 + i);
        text += `${cur}: &${cur} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
      }
      assert.throws(() => parseValuesYaml(text, 'lol.yaml'), /lol\.yaml: .*excessive aliasing/);
    });

    it('refuses deeply nested flow collections without exhausting the stack', () => {
      const n = 100_000;
      assert.throws(
        () => parseValuesYaml(`a: ${'['.repeat(n)}${']'.repeat(n)}\n`, 'deep.yaml'),
        /deep\.yaml: .*exceeded max depth/,
      );
    });

    it('refuses deeply nested block mappings', () => {
      let text = '';
      for (let i = 0; i < 2000; i++) text += `${' '.repeat(i)}k:\n`;
      assert.throws(() => parseValuesYaml(text, 'deep.yaml'), /exceeded max depth/);
    });

    it('refuses an alias that contains itself', () => {
      assert.throws(() => parseValuesYaml('a: &a [*a]\n'), /yaml/);
    });
  });
});

describe('toYaml', () => {
  it('quotes strings YAML 1.1 would read as something else, so a round trip keeps them', () => {
    const v = {
      a: 'yes',
      b: 'on',
      c: '1',
      d: '0x10',
      e: 'null',
      f: '',
      g: 'y',
      h: 'plain',
      i: 1.5,
      j: true,
      k: null,
      l: ['n', 2],
    };
    assert.deepEqual(parseValuesYaml(toYaml(v)), v);
  });
});

describe('decodeChartYaml', () => {
  it('coerces scalars into string fields as Helm does and matches keys case-insensitively', () => {
    const md = decodeChartYaml(
      'apiVersion: v2\nName: x\nversion: 1.0\nappVersion: 1.10\nkeywords: [1, true]\ndeprecated: true\nunknown: 1\n',
    );
    assert.deepEqual(md, {
      apiVersion: 'v2',
      name: 'x',
      version: '1',
      appVersion: '1.1',
      keywords: ['1', 'true'],
      deprecated: true,
    });
  });

  it('refuses a Chart.yaml that is not a map, naming the file', () => {
    assert.throws(
      () => decodeChartYaml('- a\n- b\n'),
      (e: unknown) =>
        e instanceof ChartFileDecodeError && e.file === 'Chart.yaml' && /cannot unmarshal array/.test(e.message),
    );
    assert.throws(
      () => decodeChartYaml('just a string\n'),
      /cannot unmarshal string into Go value of type chart\.Metadata/,
    );
  });

  it('names the field whose type is wrong', () => {
    assert.throws(
      () => decodeChartYaml('name: x\ndeprecated: maybe\n'),
      (e: unknown) => e instanceof ChartFileDecodeError && e.field === 'deprecated',
    );
  });
});

describe('Chart.yaml with several documents', () => {
  it('reads only the first document, as yaml.Unmarshal does', () => {
    assert.equal(decodeChartYaml('name: a\nversion: 1.0.0\n---\n: : bad [\n').name, 'a');
  });
});
