/**
 * The liquid engine: objects, Helm filters, partials, mixed gotpl/liquid trees with globals and
 * subchart scoping, and errors with file:line:col.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { templateChart } from '../src/template-chart.js';
import { RenderError } from '../src/engine.js';

let root: string;
let counter = 0;

/** Writes a chart tree (path → content) and returns its directory. */
function writeChart(files: Record<string, string>): string {
  const dir = join(root, `chart${counter++}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function chartYaml(name: string, engine: string, extra = ''): string {
  return `apiVersion: v2\nname: ${name}\nversion: 0.1.0\nappVersion: "2.0"\nengine: ${engine}\n${extra}`;
}

async function render(files: Record<string, string>, set: string[] = []): Promise<Map<string, string>> {
  const r = await templateChart({
    chart: writeChart(files),
    set,
    releaseName: 'rel',
    namespace: 'ns',
    time: new Date(0),
  });
  return r.rendered.files;
}

async function renderError(files: Record<string, string>, set: string[] = []): Promise<string> {
  try {
    await render(files, set);
  } catch (e) {
    assert.ok(e instanceof RenderError, `a RenderError, got ${String(e)}`);
    return e.message;
  }
  assert.fail('rendering should have failed');
}

describe('liquid engine', function () {
  before(function () {
    root = mkdtempSync(join(tmpdir(), 'helmts-liquid-'));
  });
  after(function () {
    rmSync(root, { recursive: true, force: true });
  });

  describe('objects', function () {
    it('has Release, Chart, Values, Capabilities, Template and Files with methods', async function () {
      const files = await render({
        'Chart.yaml': chartYaml('app', 'liquid'),
        'values.yaml': 'image:\n  tag: "1.2"\nreplicas: 3\nbig: 1000000\n',
        'config/app.ini': 'a=1\nb=2\n',
        'config/other.ini': 'c=3\n',
        'templates/objects.yaml': [
          'release: {{ Release.Name }}/{{ Release.Namespace }}/{{ Release.Service }}/{{ Release.IsInstall }}/{{ Release.Revision }}',
          'chart: {{ Chart.Name }}-{{ Chart.Version }}-{{ Chart.AppVersion }}-{{ Chart.IsRoot }}',
          'values: {{ Values.image.tag }} {{ Values.replicas }} {{ Values.big }}',
          'kube: {{ Capabilities.KubeVersion.Version }} {{ Capabilities.KubeVersion.GitVersion }} {{ Capabilities.KubeVersion.Major }}',
          'has: {{ Capabilities.APIVersions.Has["apps/v1"] }} {{ Capabilities.APIVersions.Has["nope/v9"] }}',
          'template: {{ Template.Name }} {{ Template.BasePath }}',
          'file: {{ Files.Get["config/app.ini"] | trim | replace: "\\n", "," }}',
          'lines: {{ Files.Lines["config/app.ini"] | join: "+" }}',
          'config: {{ Files.Glob["config/*.ini"].AsConfig | nindent: 2 }}',
        ].join('\n'),
      });
      assert.equal(
        files.get('app/templates/objects.yaml'),
        [
          'release: rel/ns/Helm/true/1',
          'chart: app-0.1.0-2.0-true',
          'values: 1.2 3 1e+06',
          `kube: v1.20.0 v1.20.0 1`,
          'has: true false',
          'template: app/templates/objects.yaml app/templates',
          'file: a=1,b=2',
          'lines: a=1+b=2',
          'config: \n  app.ini: |\n    a=1\n    b=2\n  other.ini: |\n    c=3',
        ]
          .join('\n')
          .replace('v1.20.0 v1.20.0', await kubeVersionPair()),
      );
    });
  });

  describe('filters', function () {
    it('work with Helm names and gotpl pipeline argument order', async function () {
      const files = await render({
        'Chart.yaml': chartYaml('app', 'liquid'),
        'values.yaml':
          'labels:\n  b: two\n  a: one\nname: "my-very-long-release-name-"\nempty: ""\nlist: [x, z]\ndoc: "k: v\\nitems: [1, 2]\\n"\nmsg: "hello {{ Release.Name }}"\n',
        'templates/f.yaml': [
          'y: {{ Values.labels | toYaml | nindent: 2 }}',
          'j: {{ Values.labels | toJson }}',
          'q: {{ Values.name | quote }} {{ Values.name | squote }} {{ Values.list | join: "," | upper }}',
          'd: {{ Values.empty | default: "fallback" }} {{ Values.missing | default: "unset" }}',
          't: {{ Values.name | trunc: 10 | trimSuffix: "-" }} {{ Values.name | trimSuffix: "-" | title }}',
          'b: {{ "hi" | b64enc }} {{ "aGk=" | b64dec }} {{ "hi" | sha256sum | trunc: 12 }}',
          'i: {{ "a\\nb" | indent: 3 }}',
          'fy: {% assign doc = Values.doc | fromYaml %}{{ doc.k }} {{ doc.items | last }}',
          'tpl: {{ Values.msg | tpl }}',
          'inc: {{ "greeting" | include | upper }}',
          '{%- assign ok = "1.25.3" | semverCompare: ">=1.20.0" %}',
          'semver: {{ ok }}',
          'sprig: {{ "a-b-c" | splitList: "-" | last }} {{ 3 | add: 4 }} {{ "x" | repeat: 3 }} {{ Values.labels | keys | sortAlpha | join: "" }}',
          'printf: {{ "%s-%05d" | printf: Release.Name, 42 }}',
          'lookup: {% assign found = "v1" | lookup: "Secret", Release.Namespace, "s" %}{{ found | toJson }}',
        ].join('\n'),
        'templates/_greeting.liquid': 'hello {{ Chart.Name }}',
      });
      assert.equal(
        files.get('app/templates/f.yaml'),
        [
          'y: \n  a: one\n  b: two',
          'j: {"a":"one","b":"two"}',
          `q: "my-very-long-release-name-" 'my-very-long-release-name-' X,Z`,
          'd: fallback unset',
          't: my-very-lo My-Very-Long-Release-Name',
          'b: aGk= hi 8f434346648f',
          'i:    a\n   b',
          'fy: v 2',
          'tpl: hello rel',
          'inc: HELLO APP',
          'semver: true',
          'sprig: c 7 xxx ab',
          'printf: rel-00042',
          'lookup: {}',
        ].join('\n'),
      );
    });

    it('required passes a set value through', async function () {
      const files = await render(
        {
          'Chart.yaml': chartYaml('app', 'liquid'),
          'templates/r.yaml': 'host: {{ Values.host | required: "host is required" }}',
        },
        ['host=example.com'],
      );
      assert.equal(files.get('app/templates/r.yaml'), 'host: example.com');
    });
  });

  describe('partials and file naming', function () {
    it('renders .yaml and .liquid templates, includes and renders partials, skips partials and library charts', async function () {
      const files = await render({
        'Chart.yaml': chartYaml('app', 'liquid'),
        'values.yaml': 'who: world\n',
        'templates/a.yaml': 'a: {% include "hello" %}|{% render "hello", who: "there" %}|{% include "helpers/deep" %}',
        'templates/b.liquid': 'kind: {{ "Config" }}',
        'templates/_hello.liquid': 'hello {{ who | default: Values.who }}',
        'templates/helpers/_deep.liquid': 'deep',
      });
      assert.deepEqual([...files.keys()].sort(), ['app/templates/a.yaml', 'app/templates/b.liquid']);
      assert.equal(files.get('app/templates/a.yaml'), 'a: hello world|hello there|deep');
    });
  });

  describe('mixed trees', function () {
    it('liquid parent with a gotpl subchart: globals and subchart scoping', async function () {
      const files = await render(
        {
          'Chart.yaml': chartYaml('parent', 'liquid', 'dependencies:\n  - name: child\n    version: 0.1.0\n'),
          'values.yaml': 'global:\n  region: eu\nname: parent-value\nchild:\n  name: child-value\n',
          'templates/p.yaml':
            'p: {{ Values.name }} {{ Values.global.region }} {{ Values.child.name }} {{ Chart.Name }} {% include "label" %}',
          'templates/_label.liquid': 'parent-label',
          'charts/child/Chart.yaml': chartYaml('child', 'gotpl'),
          'charts/child/values.yaml': 'name: child-default\nport: 80\n',
          'charts/child/templates/c.yaml':
            'c: {{ .Values.name }} {{ .Values.global.region }} {{ .Values.port }} {{ .Chart.Name }} {{ .Chart.IsRoot }} {{ include "child.label" . }}',
          'charts/child/templates/_helpers.tpl': '{{- define "child.label" -}}child-label{{- end -}}',
        },
        ['global.region=us'],
      );
      assert.equal(files.get('parent/templates/p.yaml'), 'p: parent-value us child-value parent parent-label');
      assert.equal(files.get('parent/charts/child/templates/c.yaml'), 'c: child-value us 80 child false child-label');
    });

    it("gotpl parent with a liquid subchart: globals, scoping and the subchart's own partials", async function () {
      const files = await render({
        'Chart.yaml': chartYaml('parent', 'gotpl', 'dependencies:\n  - name: child\n    version: 0.1.0\n'),
        'values.yaml': 'global:\n  env: prod\nname: parent-value\nchild:\n  replicas: 2\n',
        'templates/p.yaml':
          'p: {{ .Values.name }} {{ .Values.global.env }} {{ .Values.child.replicas }} {{ include "label" . }}',
        'templates/_helpers.tpl': '{{- define "label" -}}parent-label{{- end -}}',
        'charts/child/Chart.yaml': chartYaml('child', 'liquid'),
        'charts/child/values.yaml': 'replicas: 1\nimage: nginx\n',
        'charts/child/templates/c.yaml':
          'c: {{ Values.replicas }} {{ Values.image }} {{ Values.global.env }} {{ Chart.Name }} {{ Chart.IsRoot }} {% include "label" %} {{ Template.Name }}',
        'charts/child/templates/_label.liquid': 'child-label',
      });
      assert.equal(files.get('parent/templates/p.yaml'), 'p: parent-value prod 2 parent-label');
      assert.equal(
        files.get('parent/charts/child/templates/c.yaml'),
        'c: 2 nginx prod child false child-label parent/charts/child/templates/c.yaml',
      );
    });

    it("a liquid parent can include a library subchart's partials; its own win", async function () {
      const files = await render({
        'Chart.yaml': chartYaml('parent', 'liquid', 'dependencies:\n  - name: common\n    version: 0.1.0\n'),
        'templates/p.yaml': 'p: {% include "shared" %} {% include "override" %}',
        'templates/_override.liquid': 'mine',
        'charts/common/Chart.yaml': chartYaml('common', 'liquid', 'type: library\n'),
        'charts/common/templates/_shared.liquid': 'from-library',
        'charts/common/templates/_override.liquid': 'theirs',
        'charts/common/templates/ignored.yaml': 'never rendered',
      });
      assert.equal(files.get('parent/templates/p.yaml'), 'p: from-library mine');
      assert.equal(files.has('parent/charts/common/templates/ignored.yaml'), false);
    });
  });

  describe('errors carry file:line:col', function () {
    it('a missing variable', async function () {
      const message = await renderError({
        'Chart.yaml': chartYaml('app', 'liquid'),
        'values.yaml': 'image:\n  tag: "1"\n',
        'templates/d.yaml': 'a: 1\nimage: {{ Values.imag.tag }}\n',
      });
      assert.equal(message, 'execution error at (app/templates/d.yaml:2:11): undefined variable: Values.imag');
    });

    it('a missing variable inside a partial names the partial', async function () {
      const message = await renderError({
        'Chart.yaml': chartYaml('app', 'liquid'),
        'templates/d.yaml': 'x: {% include "name" %}\n',
        'templates/_name.liquid': '\n\n  {{ Chart.Nam }}',
      });
      assert.equal(message, 'execution error at (app/templates/_name.liquid:3:6): undefined variable: Chart.Nam');
    });

    it('an unknown filter', async function () {
      const message = await renderError({
        'Chart.yaml': chartYaml('app', 'liquid'),
        'templates/d.yaml': 'a: 1\nb: 2\nlabels: {{ Values | toYml }}\n',
      });
      assert.equal(message, 'parse error at (app/templates/d.yaml:3:9): undefined filter: toYml');
    });

    it('a required value', async function () {
      const message = await renderError(
        {
          'Chart.yaml': chartYaml('app', 'liquid'),
          'templates/d.yaml': 'host: {{ Values.host | required: "Values.host is required" }}\n',
        },
        ['host='],
      );
      assert.equal(message, 'execution error at (app/templates/d.yaml:1:7): Values.host is required');
    });

    it('fail, and a missing partial', async function () {
      assert.equal(
        await renderError({
          'Chart.yaml': chartYaml('app', 'liquid'),
          'templates/d.yaml': '\n{{ "stop here" | fail }}',
        }),
        'execution error at (app/templates/d.yaml:2:1): stop here',
      );
      assert.match(
        await renderError({
          'Chart.yaml': chartYaml('app', 'liquid'),
          'templates/d.yaml': 'x: {% include "nothere" %}',
        }),
        /^execution error at \(app\/templates\/d\.yaml:1:4\): .*nothere/,
      );
    });

    it('an unknown engine names the chart and the known engines', async function () {
      const message = await renderError({ 'Chart.yaml': chartYaml('app', 'jinja'), 'templates/d.yaml': 'x' });
      assert.match(message, /chart "app" requires template engine "jinja".*known engines: gotpl, liquid/);
    });
  });
});

/** `Version GitVersion` of the default .Capabilities.KubeVersion, read through gotpl. */
async function kubeVersionPair(): Promise<string> {
  const files = await render({
    'Chart.yaml': chartYaml('probe', 'gotpl'),
    'templates/k.yaml': 'k: {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.GitVersion }}',
  });
  return files.get('probe/templates/k.yaml')!.slice('k: '.length);
}
