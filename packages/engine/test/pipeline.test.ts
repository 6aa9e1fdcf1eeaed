import assert from 'node:assert/strict';
import {
  splitManifests,
  sortByKind,
  sortManifests,
  compileGlob,
  makeChartFiles,
  EngineRegistry,
  RenderError,
  renderChart,
  makeCapabilities,
  makeReleaseObject,
  formatTemplateOutput,
  type ChartTree,
  type Engine,
} from '../src/index.js';

const enc = new TextEncoder();

function chart(name: string, templates: Record<string, string>, deps: ChartTree[] = [], engine?: string): ChartTree {
  return {
    metadata: { name, version: '1.0.0', apiVersion: 'v2', engine },
    templates: Object.entries(templates).map(([n, t]) => ({ name: `templates/${n}`, data: enc.encode(t) })),
    files: [
      { name: 'files/a.txt', data: enc.encode('A\nB\n') },
      { name: 'files/sub/b.conf', data: enc.encode('x=1') },
    ],
    dependencies: deps,
  };
}

const base = () => ({
  release: makeReleaseObject({ name: 'rel', namespace: 'ns' }),
  capabilities: makeCapabilities({ kubeVersion: 'v1.30.0' }),
});

describe('manifest splitting and ordering', () => {
  it('splits like Helm 4 (trim, separators, empty documents dropped)', () => {
    assert.deepEqual(splitManifests('\n---\na: 1\n---\nb: 2\n  \n'), ['a: 1', 'b: 2']);
    // Helm's regex consumes the blank lines after a separator, so a `---` right after them is content
    assert.deepEqual(splitManifests('a: 1\n---   \n\n---\nb: 2'), ['a: 1', '---\nb: 2']);
    assert.deepEqual(splitManifests('a: 1\nc: x---y'), ['a: 1\nc: x---y']);
  });

  it('sorts by install order, stable, unknown kinds last alphabetically', () => {
    const kinds = ['Deployment', 'Foo', 'Service', 'Bar', 'Namespace', 'Service', 'Foo'];
    const items = kinds.map((k, i) => ({ k, i }));
    assert.deepEqual(
      sortByKind(items, (x) => x.k).map((x) => `${x.k}${x.i}`),
      ['Namespace4', 'Service2', 'Service5', 'Deployment0', 'Bar3', 'Foo1', 'Foo6'],
    );
  });

  it('separates hooks and drops documents with unknown hook events', () => {
    const files = new Map([
      [
        'c/templates/a.yaml',
        'kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook: pre-install\n    helm.sh/hook-weight: "5"\n---\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    helm.sh/hook: crd-install\n',
      ],
      ['c/templates/b.yaml', 'kind: ConfigMap\nmetadata:\n  name: cm\n'],
      ['c/templates/_p.tpl', 'kind: Secret'],
    ]);
    const { hooks, manifests } = sortManifests(files);
    assert.deepEqual(
      manifests.map((m) => m.head.name),
      ['cm'],
    );
    assert.deepEqual(
      hooks.map((h) => [h.name, h.weight, h.events]),
      [['j', 5, ['pre-install']]],
    );
  });

  it('reports a non-string annotation like Helm', () => {
    const files = new Map([
      ['c/templates/a.yaml', 'kind: Job\nmetadata:\n  name: j\n  annotations:\n    helm.sh/hook-weight: 5\n'],
    ]);
    assert.throws(() => sortManifests(files), /YAML parse error on c\/templates\/a\.yaml: .*cannot unmarshal number/);
  });
});

describe('.Files', () => {
  it('globs with gobwas semantics and invalid patterns match everything', () => {
    assert.ok(compileGlob('files/*.txt')('files/a.txt'));
    assert.ok(!compileGlob('files/*')('files/sub/b.conf'));
    assert.ok(compileGlob('files/**')('files/sub/b.conf'));
    assert.ok(compileGlob('*.{txt,conf}')('a.conf'));
    assert.ok(compileGlob('files/[')('anything'));
  });

  it('is a Go map with methods', () => {
    const files = makeChartFiles([
      { name: 'x/a.txt', data: enc.encode('A\nB\n') },
      { name: 'y/b.txt', data: enc.encode('b') },
    ]);
    assert.deepEqual(Object.keys(files), ['x/a.txt', 'y/b.txt']);
    assert.equal(files.Get('x/a.txt'), 'A\nB\n');
    assert.equal(files.Get('missing'), '');
    assert.deepEqual(files.Lines('x/a.txt'), ['A', 'B']);
    assert.deepEqual(Object.keys(files.Glob('x/*')), ['x/a.txt']);
    assert.equal(files.AsConfig(), 'a.txt: |\n  A\n  B\nb.txt: b');
    assert.equal(files.Glob('y/*').AsSecrets(), 'b.txt: Yg==');
  });
});

describe('engine registry', () => {
  it('names the chart and the known engines for an unknown engine', async () => {
    const tree = chart('parent', { 'a.yaml': 'kind: A' }, [chart('child', {}, [], 'mustache')]);
    await assert.rejects(
      renderChart(tree, { values: {}, ...base() }),
      (e: Error) =>
        e instanceof RenderError &&
        /^chart "child" requires template engine "mustache", which is not available \(known engines: gotpl(, [a-z]+)*\)$/.test(
          e.message,
        ),
    );
  });

  it('renders each chart with its own engine (a mixed tree)', async () => {
    const upper: Engine = {
      name: 'upper',
      render: ({ scopes }) =>
        new Map(
          scopes.flatMap((s) =>
            s.chart.templates.map(
              (t) => [`${s.path}/${t.name}`, new TextDecoder().decode(t.data).toUpperCase()] as [string, string],
            ),
          ),
        ),
    };
    const registry = EngineRegistry.withBuiltins().register(upper);
    const tree = chart(
      'parent',
      { 'a.yaml': 'kind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-{{ .Values.x }}' },
      [chart('child', { 'b.yaml': 'kind: secret' }, [], 'upper')],
    );
    const out = formatTemplateOutput(await renderChart(tree, { values: { x: 'v', child: {} }, ...base(), registry }));
    assert.equal(
      out,
      '---\n# Source: parent/templates/a.yaml\nkind: ConfigMap\nmetadata:\n  name: rel-v\n---\n# Source: parent/charts/child/templates/b.yaml\nKIND: SECRET\n',
    );
  });
});

describe('gotpl engine', () => {
  const render = async (templates: Record<string, string>, values: Record<string, unknown> = {}) =>
    await renderChart(chart('c', templates), { values, ...base() });

  it('scopes subchart values, shares defines (parent wins) and removes <no value>', async () => {
    const sub = chart('sub', {
      '_h.tpl': '{{ define "n" }}sub{{ end }}',
      's.yaml': 'v: {{ .Values.a }}-{{ include "n" . }}-{{ .Values.global.g }}',
    });
    const tree = chart(
      'c',
      {
        '_h.tpl': '{{ define "n" }}parent{{ end }}',
        'p.yaml': 'm: "{{ .Values.missing }}|{{ .Chart.Name }}|{{ .Template.Name }}"',
      },
      [sub],
    );
    const r = await renderChart(tree, { values: { sub: { a: 1, global: { g: 'G' } }, global: { g: 'G' } }, ...base() });
    assert.equal(r.files.get('c/charts/sub/templates/s.yaml'), 'v: 1-parent-G');
    assert.equal(r.files.get('c/templates/p.yaml'), 'm: "|c|c/templates/p.yaml"');
  });

  it('has tpl, toYaml, fromYaml and required; no Helm 2 .Release.Time in the helm3 dialect', async () => {
    const r = await render(
      {
        'a.yaml':
          '{{ tpl .Values.t . }}|{{ toYaml .Values.m }}|{{ (fromYaml "a: yes").a }}|{{ required "x" .Values.s }}|{{ .Release.Time }}',
      },
      { t: '{{ .Release.Namespace }}', m: { b: [1, 'on'] }, s: 'ok' },
    );
    assert.equal(r.files.get('c/templates/a.yaml'), 'ns|b:\n- 1\n- "on"|true|ok|');
  });

  it('calls methods of .Files without arguments and ranges over it as a map (locust)', async () => {
    const r = await render({
      'a.yaml':
        '{{ (.Files.Glob "files/*").AsConfig | indent 2 }}|{{ range $p, $_ := .Files.Glob "files/**" }}{{ $p }},{{ end }}|{{ if .Files.Glob "none/*" }}y{{ else }}n{{ end }}|{{ len .Files }}',
    });
    assert.equal(r.files.get('c/templates/a.yaml'), '  a.txt: |\n    A\n    B|files/a.txt,files/sub/b.conf,|n|2');
  });

  it('prints .Capabilities.KubeVersion through its pointer String, fmt of the value as a struct', async () => {
    const r = await render({
      'NOTES.txt':
        '{{ .Capabilities.KubeVersion }}|{{ printf "%v" .Capabilities.KubeVersion }}|{{ printf "%+v" .Capabilities.KubeVersion }}|{{ .Capabilities.KubeVersion | toJson }}|{{ .Capabilities.KubeVersion.GitVersion }}',
    });
    assert.equal(
      r.notes,
      'v1.30.0|{v1.30.0 v1.30.0 1 30}|{Version:v1.30.0 normalizedVersion:v1.30.0 Major:1 Minor:30}|{"Version":"v1.30.0","Major":"1","Minor":"30"}|v1.30.0',
    );
  });

  it('formats errors as Helm does', async () => {
    await assert.rejects(render({ 'a.yaml': 'x\n  {{ fail "boom" }}' }), {
      message: 'execution error at (c/templates/a.yaml:2:5): boom',
    });
    await assert.rejects(render({ 'a.yaml': '{{ .Values.x.y }}' }, { x: 5 }), {
      message:
        'c/templates/a.yaml:1:10\n  executing "c/templates/a.yaml" at <.Values.x.y>:\n    can\'t evaluate field y in type interface {}',
    });
    await assert.rejects(render({ 'a.yaml': '{{ if }}' }), {
      message: 'parse error at (c/templates/a.yaml:1): missing value for if',
    });
  });

  it('renders nothing as a single newline', async () => {
    assert.equal(formatTemplateOutput(await render({ 'a.yaml': '  \n' })), '\n');
  });
});
