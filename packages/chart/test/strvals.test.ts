import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  loadChart,
  resolveChartValues,
  parseSet,
  parseSetString,
  parseSetInto,
  parseSetJsonInto,
  SetParseError,
  mergeValueSources,
  ValueSourceError,
  parseValuesYaml,
  newTable,
} from '../src/index.js';
import { helmOracle, runHelm } from './helm-oracle.js';
import { asPrinted } from './normalize.js';

describe('--set parser (strvals)', () => {
  const cases: Array<[string, unknown]> = [
    ['a=b', { a: 'b' }],
    ['a=b,c=d', { a: 'b', c: 'd' }],
    ['a.b.c=d', { a: { b: { c: 'd' } } }],
    ['a={x,y,z}', { a: ['x', 'y', 'z'] }],
    ['a={x, y}', { a: ['x', ' y'] }],
    ['a={}', { a: [''] }],
    ['a[1]=x', { a: [null, 'x'] }],
    ['a[0].b=x,a[0].c=y', { a: [{ b: 'x', c: 'y' }] }],
    ['a[1][0]=x', { a: [null, ['x']] }],
    ['a\\.b=c', { 'a.b': 'c' }],
    ['a=b\\,c', { a: 'b,c' }],
    ['a=', { a: '' }],
    ['a=1,b=-2,c=0,d=012,e=1.5,f=1e3', { a: 1n, b: -2n, c: 0n, d: '012', e: '1.5', f: '1e3' }],
    ['a=true,b=FALSE,c=null,d=Null', { a: true, b: false, c: null, d: null }],
    ['a=9223372036854775807,b=9223372036854775808', { a: 9223372036854775807n, b: '9223372036854775808' }],
    ['a.b=1,a.c=2', { a: { b: 1n, c: 2n } }],
    ['__proto__.x=1', JSON.parse('{"__proto__": {"x": 1}}')],
  ];
  for (const [input, expected] of cases) {
    it(`parses ${input}`, () => {
      const got = parseSet(input);
      if (input.startsWith('__proto__')) {
        assert.deepEqual(Object.keys(got), ['__proto__']);
        assert.deepEqual(Object.getOwnPropertyDescriptor(got, '__proto__')!.value, { x: 1n });
      } else assert.deepStrictEqual(got, expected);
    });
  }

  it('--set-string keeps every value a string', () => {
    assert.deepStrictEqual(parseSetString('a=1,b=true,c=null'), { a: '1', b: 'true', c: 'null' });
  });

  it('merges into existing maps and lists', () => {
    const dest = { a: { keep: 1, b: 2 }, l: ['x', 'y'] };
    parseSetInto('a.b=3,l[1]=z', dest);
    assert.deepStrictEqual(dest, { a: { keep: 1, b: 3n }, l: ['x', 'z'] });
  });

  it('--set-json decodes JSON values (numbers as float64)', () => {
    assert.deepStrictEqual(parseSetJsonInto('a={"b": [1, "x", null]},c=2,d[0]=true', newTable()), {
      a: { b: [1, 'x', null] },
      c: 2,
      d: [true],
    });
  });

  const errors: Array<[string, string, number]> = [
    ['a', 'key "a" has no value', 1],
    ['a.b', 'key "b" has no value', 3],
    ['a,', 'key "a" has no value (cannot end with ,)', 2],
    ['a[x]=1', 'error parsing index: strconv.Atoi: parsing "x": invalid syntax', 4],
    ['a={x,y', "list must terminate with '}'", 6],
    ['a[-1]=1', 'negative -1 index not allowed', 5],
    ['a[0]x=1', 'unexpected data at end of array index: "x"', 6],
    ['a=1,a.b=2', 'unable to parse key: interface conversion: interface {} is int64, not map[string]interface {}', 6],
    ['a=x,a[0]=2', 'unable to parse key: interface conversion: interface {} is string, not []interface {}', 8],
    ['a[70000]=1', 'index of 70000 is greater than maximum supported index of 65536', 10],
  ];
  for (const [input, message, position] of errors) {
    it(`refuses ${input} naming the position`, () => {
      assert.throws(
        () => parseSet(input),
        (e: unknown) =>
          e instanceof SetParseError &&
          e.helmMessage === message &&
          e.position === position &&
          e.message.includes(`position ${position}`),
      );
    });
  }

  it('refuses names nested deeper than 30 levels', () => {
    assert.throws(() => parseSet(`${'a.'.repeat(31)}b=1`), /nested level is greater than maximum/);
  });
});

describe('mergeValueSources', () => {
  const dir = mkdtempSync(join(tmpdir(), 'helmts-chart-values-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  before(() => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${dir}/one.yaml`, 'a: {p: 1, q: 1}\nlist: [1, 2]\n');
    writeFileSync(`${dir}/two.yaml`, 'a: {q: 2}\nlist: [3]\n');
    writeFileSync(`${dir}/content.txt`, 'file body\n');
    writeFileSync(`${dir}/bad.yaml`, 'a: [\n');
  });

  it('applies -f files in order, then --set-json, --set, --set-string, --set-file', () => {
    const v = mergeValueSources({
      valueFiles: [`${dir}/one.yaml`, `${dir}/two.yaml`],
      set: ['a.z=3', 'b=1'],
      setString: ['b=2'],
      setJson: ['b={"j": 1}'],
      setFile: [`f=${dir}/content.txt`],
    });
    assert.deepStrictEqual(v, { a: { p: 1, q: 2, z: 3n }, list: [3], b: '2', f: 'file body\n' });
  });

  it("words errors as Helm's CLI does", () => {
    assert.throws(
      () => mergeValueSources({ valueFiles: [`${dir}/bad.yaml`] }),
      (e: unknown) =>
        e instanceof ValueSourceError &&
        e.message.startsWith(
          `failed to parse ${dir}/bad.yaml: cannot unmarshal yaml document: error converting YAML to JSON: yaml: line`,
        ),
    );
    // Helm 2's -f reading says no more than go-yaml
    assert.throws(
      () => mergeValueSources({ valueFiles: [`${dir}/bad.yaml`] }, { helm2: true }),
      (e: unknown) =>
        e instanceof ValueSourceError &&
        e.message.startsWith(`failed to parse ${dir}/bad.yaml: error converting YAML to JSON: yaml: line`),
    );
    assert.throws(
      () => mergeValueSources({ set: ['a'] }),
      /^ValueSourceError: failed parsing --set data: key "a" has no value/,
    );
    assert.throws(() => mergeValueSources({ setJson: ['{bad'] }), /failed parsing --set-json data JSON: \{bad/);
  });

  it("says a file it cannot read in Go's words, as Helm 2 and 4 do (not Node's ENOENT)", () => {
    const missing = `${dir}/no-such.yaml`;
    assert.throws(
      () => mergeValueSources({ valueFiles: [missing] }),
      (e: unknown) =>
        e instanceof ValueSourceError && e.unreadable && e.message === `open ${missing}: no such file or directory`,
    );
    assert.throws(
      () => mergeValueSources({ valueFiles: [dir] }),
      (e: unknown) => e instanceof ValueSourceError && e.message === `read ${dir}: is a directory`,
    );
    assert.throws(
      () => mergeValueSources({ setFile: [`f=${missing}`] }),
      (e: unknown) =>
        e instanceof ValueSourceError &&
        e.unreadable &&
        e.message === `failed parsing --set-file data: open ${missing}: no such file or directory`,
    );
    assert.throws(
      () => mergeValueSources({ set: ['a'] }),
      (e: unknown) => e instanceof ValueSourceError && !e.unreadable,
    );
  });
});

describe('--set typing agrees with helm', function () {
  const helm = helmOracle();
  before(function () {
    if (!helm) this.skip();
  });
  it('helm template prints the same values for a mix of --set flags', () => {
    const dir = mkdtempSync(join(tmpdir(), 'helmts-chart-set-oracle-'));
    mkdirSync(`${dir}/templates`, { recursive: true });
    writeFileSync(`${dir}/Chart.yaml`, 'apiVersion: v2\nname: setcheck\nversion: 0.1.0\n');
    writeFileSync(`${dir}/values.yaml`, 'keep: {a: 1}\n');
    writeFileSync(`${dir}/templates/values.yaml`, '{{ toYaml .Values }}\n');
    const sets = ['a=1,b=012,c=true,d={x, y},e[2].f=g,h\\.i=j\\,k,l=null,keep.b=2', 'm=1.5,n=-7,o=', 'keep.a=null'];
    const setStrings = ['s=1'];
    const args = ['template', 'x', dir, '--show-only', 'templates/values.yaml'];
    for (const s of sets) args.push('--set', s);
    for (const s of setStrings) args.push('--set-string', s);
    const r = runHelm(helm!, args);
    assert.equal(r.status, 0, r.stderr);
    const expected = parseValuesYaml(r.stdout.replace(/^---\n# Source: [^\n]*\n/, ''));
    const user = mergeValueSources({ set: sets, setString: setStrings });
    const { values } = resolveChartValues(loadChart(dir), user);
    rmSync(dir, { recursive: true, force: true });
    assert.deepStrictEqual(asPrinted(values), asPrinted(expected));
  });

  // helm v4 wraps the io.EOF of an unfinished index and its parse loop takes it for the end
  it('an index cut short by the end of the text: helm v4 keeps what was set before; Helm 2 refuses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'helmts-chart-set-eof-'));
    mkdirSync(`${dir}/templates`, { recursive: true });
    writeFileSync(`${dir}/Chart.yaml`, 'apiVersion: v2\nname: seteof\nversion: 0.1.0\n');
    writeFileSync(`${dir}/values.yaml`, 'z: 0\n');
    writeFileSync(`${dir}/templates/values.yaml`, '{{ toYaml .Values }}\n');
    try {
      for (const set of ['b=1,a[0][', 'b=1,a[1', 'a[0].c[', 'a[0].c=1,a[1', 'a[2][']) {
        const r = runHelm(helm!, ['template', 'x', dir, '--show-only', 'templates/values.yaml', '--set', set]);
        assert.equal(r.status, 0, r.stderr);
        const expected = parseValuesYaml(r.stdout.replace(/^---\n# Source: [^\n]*\n/, ''));
        const { values } = resolveChartValues(loadChart(dir), mergeValueSources({ set: [set] }));
        assert.deepStrictEqual(asPrinted(values), asPrinted(expected), set);
        assert.throws(
          () => mergeValueSources({ set: [set] }, { helm2: true }),
          (e: unknown) =>
            e instanceof ValueSourceError && e.message === 'failed parsing --set data: error parsing index: EOF',
          set,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
