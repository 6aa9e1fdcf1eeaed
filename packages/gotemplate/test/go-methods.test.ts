/**
 * Methods on named map and slice types (non-enumerable own functions, like Helm's `files` and
 * `common.VersionSet`) and pointer-receiver String methods, as Go's text/template and fmt treat them.
 */
import assert from 'node:assert/strict';
import { TemplateSet, formatValue, goTypeName, goTypeNameKey, sprintf } from '../src/index.js';

function run(text: string, data: unknown): string {
  const set = new TemplateSet({ missingKey: 'zero', funcs: { upper: (s: string) => s.toUpperCase() } });
  set.parse('t', text);
  return set.execute('t', data);
}

function namedMap(entries: Record<string, unknown>): Record<string, unknown> {
  const m = Object.create(null) as Record<string, unknown>;
  Object.assign(m, entries);
  Object.defineProperty(m, 'Joined', { value: () => Object.keys(m).join('+'), enumerable: false });
  Object.defineProperty(m, 'Get', { value: (k: string) => `got ${k}`, enumerable: false });
  Object.defineProperty(m, goTypeNameKey, { value: 'chart.files', enumerable: false });
  return m;
}

function namedSlice(items: string[]): string[] {
  const s = [...items];
  Object.defineProperty(s, 'Has', { value: (v: string) => s.includes(v), enumerable: false });
  Object.defineProperty(s, goTypeNameKey, { value: 'common.VersionSet', enumerable: false });
  return s;
}

describe('methods of named map types', () => {
  const files = namedMap({ 'a.txt': 'A', 'b.txt': 'B' });
  it('calls a method without arguments (not returning the function)', () => {
    assert.equal(run('{{ .F.Joined }}', { F: files }), 'a.txt+b.txt');
    assert.equal(run('{{ .F.Joined | upper }}', { F: files }), 'A.TXT+B.TXT');
    assert.equal(run('{{ (.F).Joined }}', { F: files }), 'a.txt+b.txt');
  });
  it('calls a method with arguments', () => {
    assert.equal(run('{{ .F.Get "x" }}', { F: files }), 'got x');
  });
  it('hides methods from range, len, index, truth and printing', () => {
    assert.equal(run('{{ range $k, $v := .F }}{{ $k }}={{ $v }};{{ end }}', { F: files }), 'a.txt=A;b.txt=B;');
    assert.equal(run('{{ len .F }}', { F: files }), '2');
    assert.equal(run('{{ index .F "Joined" }}|{{ index .F "a.txt" }}', { F: files }), '<no value>|A');
    assert.equal(run('{{ if .E }}yes{{ else }}no{{ end }}', { E: namedMap({}) }), 'no');
    assert.equal(run('{{ .F }}', { F: files }), 'map[a.txt:A b.txt:B]');
  });
  it('names the type', () => {
    assert.equal(goTypeName(files), 'chart.files');
  });
  it('keeps enumerable function entries as values unless given arguments', () => {
    const m = { f: () => 'called' };
    assert.equal(run('{{ call .M.f }}|{{ .M.f 1 }}', { M: m }), 'called|called');
  });
});

describe('methods of named slice types', () => {
  const apis = namedSlice(['v1', 'apps/v1']);
  it('calls the method, and the value stays a slice', () => {
    assert.equal(run('{{ .A.Has "apps/v1" }} {{ .A.Has "x/v1" }}', { A: apis }), 'true false');
    assert.equal(
      run('{{ len .A }} {{ range .A }}{{ . }},{{ end }} {{ index .A 1 }} {{ .A }}', { A: apis }),
      '2 v1,apps/v1, apps/v1 [v1 apps/v1]',
    );
    assert.equal(goTypeName(apis), 'common.VersionSet');
  });
  it('a missing field of a slice is still an error', () => {
    assert.throws(() => run('{{ .A.Nope }}', { A: apis }), /can't evaluate field Nope in type/);
  });
});

class Version {
  static readonly goTypeName = 'common.KubeVersion';
  static readonly goPointerMethods: readonly string[] = ['String'];
  constructor(
    readonly Version: string,
    readonly Major: string,
  ) {}
  String(): string {
    return this.Version;
  }
}
class Holder {
  static readonly goTypeName = '*common.Capabilities';
  constructor(readonly KubeVersion: Version) {}
}

describe('value and pointer receivers', () => {
  const v = new Version('v1.30.0', '1');
  it('template output takes the address, so a pointer String method prints', () => {
    assert.equal(run('{{ .V }}', { V: v }), 'v1.30.0');
  });
  it('fmt of the value does not see a pointer method', () => {
    assert.equal(run('{{ printf "%v" .V }}|{{ print .V }}', { V: v }), '{v1.30.0 1}|{v1.30.0 1}');
    assert.equal(sprintf('%+v', v), '{Version:v1.30.0 Major:1}');
  });
  it('a pointer to a struct prints &{...} through fmt and {...} in template output', () => {
    const h = new Holder(v);
    assert.equal(formatValue(h), '&{{v1.30.0 1}}');
    assert.equal(run('{{ . }}', h), '{{v1.30.0 1}}');
  });
});
