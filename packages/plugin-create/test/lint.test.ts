import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformanceDir } from '@helmts/testkit';

import { DEFAULT_CHOICES } from '../src/scaffold/choices.js';
import { createChart } from '../src/scaffold/create-chart.js';
import { buildHelm2Oracle, runHelm, runHelm2 } from './helm-oracle.js';
import { runCli } from './run-cli.js';

const V1 = (name: string, more = '') => `apiVersion: v1\nname: ${name}\nversion: 0.1.0\n${more}`;
const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n';

/**
 * Charts that each break one of Helm 2.17's lint rules (or pass one that Helm 4 would fail):
 * directory name → files. A template is `templates/cm.yaml` unless named.
 */
const HELM2_LINT_CASES: Record<string, Record<string, string>> = {
  fine: { 'Chart.yaml': V1('fine', 'icon: https://example.com/i.png\n') },
  noapi: { 'Chart.yaml': 'name: noapi\nversion: 0.1.0\n' },
  badver: { 'Chart.yaml': 'apiVersion: v1\nname: badver\nversion: bad\n' },
  numver: { 'Chart.yaml': 'apiVersion: v1\nname: numver\nversion: 1.0\nappVersion: 2.0\n' },
  zerover: { 'Chart.yaml': 'apiVersion: v1\nname: zerover\nversion: 0.0.0-0\n' },
  vprefix: { 'Chart.yaml': 'apiVersion: v1\nname: vprefix\nversion: v1.2\n' },
  noname: { 'Chart.yaml': 'apiVersion: v1\nversion: 0.1.0\n' },
  dotname: { 'Chart.yaml': V1('dot.name') },
  mismatch: { 'Chart.yaml': V1('other') },
  unknown: { 'Chart.yaml': V1('unknown', 'foo: bar\ntype: application\nengine: gotpl\n') },
  maintainer: { 'Chart.yaml': V1('maintainer', 'maintainers:\n- name: a\n  email: bad\n') },
  sources: { 'Chart.yaml': V1('sources', 'sources:\n- nope\n- ""\nicon: nope\n') },
  dependencies: { 'Chart.yaml': V1('dependencies', 'dependencies:\n- name: x\n  version: 1.0.0\n') },
  novalues: { 'Chart.yaml': V1('novalues'), 'values.yaml': '' },
  valueslist: { 'Chart.yaml': V1('valueslist'), 'values.yaml': '- 1\n- 2\n' },
  schema: { 'Chart.yaml': V1('schema'), 'values.schema.json': '{"type":"object","required":["zz"]}' },
  notemplates: { 'Chart.yaml': V1('notemplates'), 'templates/cm.yaml': '' },
  extension: { 'Chart.yaml': V1('extension'), 'templates/x.json': '{}' },
  list: { 'Chart.yaml': V1('list'), 'templates/cm.yaml': '- a\n- b\n' },
  namespace: { 'Chart.yaml': V1('namespace'), 'templates/cm.yaml': 'metadata:\n  namespace: {a: 1}\n' },
  metadata: { 'Chart.yaml': V1('metadata'), 'templates/cm.yaml': '# c\n---\nMetaData: hello\n' },
  seconddoc: { 'Chart.yaml': V1('seconddoc'), 'templates/cm.yaml': 'a: 1\n---\nb: [\n' },
  objects: {
    'Chart.yaml': V1('objects'),
    'templates/cm.yaml': 'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: Bad_Name\nspec: {}\n',
  },
  render: { 'Chart.yaml': V1('render'), 'templates/cm.yaml': '{{ .Values.a.b.c }}\n' },
  required: {
    'Chart.yaml': V1('required'),
    'templates/cm.yaml':
      'x: {{ required "need b" .Values.b }}\nname: {{ .Release.Name }}-{{ .Release.Revision }}-{{ .Release.IsInstall }}\n',
  },
  subchart: {
    'Chart.yaml': V1('subchart'),
    'charts/child/Chart.yaml': 'apiVersion: v1\nname: child\nversion: bad\n',
    'charts/child/templates/a.yaml': 'x: {{ .Values.q }}\n',
  },
  nameless: { 'Chart.yaml': V1('nameless'), 'charts/child/Chart.yaml': 'apiVersion: v1\nversion: 0.1.0\n' },
};

/** Go's log timestamps (`2026/12/07 19:24:11 `), which differ by the second between two runs. */
const withoutLogTimes = (text: string) => text.replace(/^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d /gm, '');

/**
 * helm v4 lists the subcharts missing from Chart.yaml in the order it loaded them, which varies from
 * run to run (weave-scope): the list is compared sorted.
 */
const dependencyOrderAside = (output: string) =>
  output.replace(
    /(is missing these dependencies: )(.*)$/gm,
    (_, lead: string, list: string) => `${lead}${list.split(',').sort().join(',')}`,
  );

/** Counts of `[ERROR]` and `[WARNING]` lines per `==> Linting` block. */
function findingCounts(output: string): Array<{ errors: number; warnings: number }> {
  return output
    .split('==> Linting ')
    .slice(1)
    .map((block) => ({
      errors: (block.match(/^\[ERROR\]/gm) ?? []).length + (block.match(/^Error /gm) ?? []).length,
      warnings: (block.match(/^\[WARNING\]/gm) ?? []).length,
    }));
}

describe('lint', function () {
  this.timeout(300_000);
  let work: string;
  before(async () => {
    buildHelm2Oracle();
    work = await mkdtemp(join(tmpdir(), 'helmts-lint-'));
    await createChart({ path: join(work, 'mychart'), choices: DEFAULT_CHOICES });
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it('lints as Helm 2.17 by default: the same output and exit code as the real Helm 2 on broken charts', async () => {
    const cases = join(work, 'helm2-cases');
    for (const [chart, files] of Object.entries(HELM2_LINT_CASES)) {
      const withDefaults = { 'values.yaml': 'a: 1\n', 'templates/cm.yaml': CONFIG_MAP, ...files };
      for (const [name, text] of Object.entries(withDefaults)) {
        await mkdir(join(cases, chart, name, '..'), { recursive: true });
        if (text !== '' || name !== 'values.yaml') await writeFile(join(cases, chart, name), text);
      }
    }
    await rm(join(cases, 'notemplates', 'templates'), { recursive: true });
    // an archive whose folder is not the chart's name: Helm 2 unpacks it under the chart's name
    await mkdir(join(cases, 'packed', 'renamed'), { recursive: true });
    await cp(join(cases, 'mismatch'), join(cases, 'packed', 'renamed'), { recursive: true });
    execFileSync('tar', ['czf', join(cases, 'renamed.tgz'), '-C', join(cases, 'packed'), 'renamed']);
    await rm(join(cases, 'packed'), { recursive: true });
    const differences: string[] = [];
    for (const chart of (await readdir(cases)).sort()) {
      for (const flags of [[], ['--strict']]) {
        const ours = runCli(['lint', chart, ...flags], { cwd: cases });
        const theirs = runHelm2(['lint', chart, ...flags], { cwd: cases });
        const show = (r: { status: number | null; stdout: string; stderr: string }) =>
          `exit ${r.status}\n${r.stdout}${withoutLogTimes(r.stderr)}`;
        if (show(ours) !== show(theirs))
          differences.push(
            `lint ${[chart, ...flags].join(' ')}\n--- helm 2.17\n${show(theirs)}--- helmts\n${show(ours)}`,
          );
      }
    }
    assert.deepEqual(differences, []);
  });

  it('passes the chart create writes, with the same output as the real helm lint', () => {
    // the reference helm here is today's (v4): lint as it does
    const ours = runCli(['lint', '--dialect', 'helm3', 'mychart'], { cwd: work });
    const theirs = runHelm(['lint', 'mychart'], { cwd: work });
    assert.equal(ours.status, 0, ours.stderr);
    assert.equal(theirs.status, 0);
    assert.equal(ours.stdout, theirs.stdout);
    assert.equal(
      ours.stdout,
      '==> Linting mychart\n[INFO] Chart.yaml: icon is recommended\n\n1 chart(s) linted, 0 chart(s) failed\n',
    );
  });

  it('reports what helm reports on a broken chart, and fails with its summary', async () => {
    const bad = join(work, 'bad');
    await mkdir(join(bad, 'templates'), { recursive: true });
    await writeFile(
      join(bad, 'Chart.yaml'),
      'apiVersion: v1\nname: bad\nversion: 1.0\nicon: nope\nmaintainers:\n- email: x\n',
    );
    await writeFile(join(bad, 'values.yaml'), 'replicas: 1\n');
    await writeFile(
      join(bad, 'templates', 'd.yaml'),
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: Bad_Name\nspec: {}\n',
    );
    await writeFile(join(bad, 'templates', 'notes.json'), '{}');
    const ours = runCli(['lint', '--dialect', 'helm3', bad, join(work, 'missing')]);
    const theirs = runHelm(['lint', bad, join(work, 'missing')]);
    assert.equal(ours.status, 1);
    assert.equal(theirs.status, 1);
    assert.deepEqual(findingCounts(ours.stdout), findingCounts(theirs.stdout));
    assert.match(
      ours.stdout,
      /\[ERROR\] templates\/d\.yaml: a Deployment must contain matchLabels or matchExpressions, and "Bad_Name" does not/,
    );
    assert.match(
      ours.stdout,
      /\[WARNING\] templates\/d\.yaml: object name does not conform to Kubernetes naming requirements: "Bad_Name"/,
    );
    assert.match(ours.stdout, /\[ERROR\] templates\/notes\.json: file extension '\.json' not valid/);
    assert.equal(ours.stderr, 'Error: 2 chart(s) linted, 2 chart(s) failed\n');
  });

  it('says what helm v4 says of object names, indented templates and Lists with --dialect helm3, line for line', async () => {
    const chart = join(work, 'objects4');
    const long = 'a'.repeat(260);
    const files: Record<string, string> = {
      'Chart.yaml': 'apiVersion: v2\nname: objects4\nversion: 0.1.0\n',
      'values.yaml': 'a: 1\n',
      // every kind's rule (case-insensitive), an empty and a missing name, several problems at once
      'templates/names.yaml': [
        `kind: ConfigMap\nmetadata:\n  name: ${long}_X`,
        'kind: service\nmetadata:\n  name: 9bad',
        'kind: Namespace\nmetadata:\n  name: bad.ns',
        `kind: Namespace\nmetadata:\n  name: ${'b'.repeat(70)}.x`,
        'kind: Role\nmetadata:\n  name: a/b%c',
        'kind: ClusterRoleBinding\nmetadata:\n  name: ".."',
        'kind: CertificateSigningRequest\nmetadata:\n  name: Bad_Name',
        'kind: ServiceAccount\nmetadata:\n  name: Bad_SA',
        'kind: Secret\nmetadata:\n  name: ""',
        'kind: Secret\nmetadata:\n  labels: {a: b}',
        'kind: ConfigMap\nmetadata:\n  name: "é-x"',
      ]
        .map((doc) => `apiVersion: v1\n${doc}\n`)
        .join('---\n'),
      // .yml templates are objects too, in any case
      'templates/cm.yml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n',
      'templates/UP.YAML': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Up\n',
      'templates/indent.yaml': '\n  apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: ok\n',
      'templates/list.yaml':
        'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: x\n    annotations:\n      helm.sh/resource-policy: keep\n',
      // a separator a `{{-` ran into the next line: the documents before it are linted, then lint stops
      'templates/separator.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Before_Bad\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Cut\n---apiVersion: v1\nkind: Secret\n',
      // the selector is looked for in the whole file
      'templates/deploy.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  selector:\n    matchLabels: {}\n',
    };
    for (const [file, text] of Object.entries(files)) {
      await mkdir(join(chart, file, '..'), { recursive: true });
      await writeFile(join(chart, file), text);
    }
    const ours = runCli(['lint', '--dialect', 'helm3', chart]);
    const theirs = runHelm(['lint', chart]);
    assert.equal(ours.stdout, theirs.stdout);
    assert.equal(ours.status, theirs.status);
    assert.match(ours.stdout, /must not contain dots/);
    assert.match(ours.stdout, /invalid Yaml document separator: apiVersion: v1/);
  });

  it('reports deprecated APIs as helm v4 does with --dialect helm3, line for line', async () => {
    const chart = join(work, 'deprecated4');
    // the APIs helmts knows, and some Helm does not report (CRDs and rbac v1alpha1 are not in client-go's scheme)
    const apis = [
      'extensions/v1beta1 Deployment',
      'extensions/v1beta1 DaemonSet',
      'extensions/v1beta1 ReplicaSet',
      'extensions/v1beta1 NetworkPolicy',
      'extensions/v1beta1 Ingress',
      'apps/v1beta1 Deployment',
      'apps/v1beta1 StatefulSet',
      'apps/v1beta1 ReplicaSet',
      'apps/v1beta1 ControllerRevision',
      'apps/v1beta2 Deployment',
      'apps/v1beta2 StatefulSet',
      'apps/v1beta2 ReplicaSet',
      'apps/v1beta2 DaemonSet',
      'apps/v1beta2 ControllerRevision',
      'networking.k8s.io/v1beta1 Ingress',
      'networking.k8s.io/v1beta1 IngressClass',
      'rbac.authorization.k8s.io/v1beta1 ClusterRole',
      'rbac.authorization.k8s.io/v1beta1 RoleBinding',
      'rbac.authorization.k8s.io/v1alpha1 Role',
      'apiextensions.k8s.io/v1beta1 CustomResourceDefinition',
      'admissionregistration.k8s.io/v1beta1 MutatingWebhookConfiguration',
      'admissionregistration.k8s.io/v1beta1 ValidatingWebhookConfiguration',
      'scheduling.k8s.io/v1beta1 PriorityClass',
      'storage.k8s.io/v1beta1 StorageClass',
      'storage.k8s.io/v1beta1 VolumeAttachment',
      'storage.k8s.io/v1beta1 CSINode',
      'storage.k8s.io/v1beta1 CSIDriver',
      'coordination.k8s.io/v1beta1 Lease',
      'certificates.k8s.io/v1beta1 CertificateSigningRequest',
      'batch/v1beta1 CronJob',
      'policy/v1beta1 PodDisruptionBudget',
      'discovery.k8s.io/v1beta1 EndpointSlice',
      'autoscaling/v2beta1 HorizontalPodAutoscaler',
      'autoscaling/v2beta2 HorizontalPodAutoscaler',
      'flowcontrol.apiserver.k8s.io/v1beta2 FlowSchema',
      'flowcontrol.apiserver.k8s.io/v1beta2 PriorityLevelConfiguration',
      'flowcontrol.apiserver.k8s.io/v1beta3 FlowSchema',
      'events.k8s.io/v1beta1 Event',
      'admissionregistration.k8s.io/v1beta1 ValidatingAdmissionPolicy',
      'v1 Endpoints',
      'v1 ComponentStatus',
      'v1 ConfigMap',
      'example.com/v1 Widget',
    ];
    await mkdir(join(chart, 'templates'), { recursive: true });
    await writeFile(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: deprecated4\nversion: 0.1.0\n');
    await writeFile(
      join(chart, 'templates', 'all.yaml'),
      apis
        .map((api, i) => {
          const [apiVersion, kind] = api.split(' ');
          return `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: x${i}\nspec:\n  selector:\n    matchLabels: {}\n`;
        })
        .join('---\n'),
    );
    // at helm's default Kubernetes version, and at an older one (fewer deprecated yet)
    for (const kube of [[], ['--kube-version', '1.20.0']]) {
      const ours = runCli(['lint', '--dialect', 'helm3', chart, ...kube]);
      const theirs = runHelm(['lint', chart, ...kube]);
      assert.equal(ours.stdout, theirs.stdout);
      assert.equal(ours.status, theirs.status);
    }
  });

  it("says Helm 2's words by default: no failures; a directory that is not a chart is skipped, not linted", () => {
    const ok = runCli(['lint', 'mychart'], { cwd: work });
    assert.equal(ok.status, 0, ok.stderr);
    assert.match(ok.stdout, /\n1 chart\(s\) linted, no failures\n$/);
    const missing = runCli(['lint', 'nothing-here'], { cwd: work });
    assert.equal(missing.status, 1);
    assert.equal(
      missing.stdout,
      '==> Skipping nothing-here\nunable to check Chart.yaml file in chart: stat nothing-here/Chart.yaml: no such file or directory\n\n',
    );
    assert.equal(missing.stderr, 'Error: 0 chart(s) linted, 1 chart(s) failed\n');
    // a values file that cannot be read: Helm's words and exit code 1 (not a usage error)
    const unreadable = runCli(['lint', 'mychart', '-f', 'no-such-values.yaml'], { cwd: work });
    assert.equal(unreadable.status, 1);
    assert.equal(unreadable.stderr, 'Error: open no-such-values.yaml: no such file or directory\n');
  });

  it('fails on warnings only with --strict; renders with --set; flags deprecated APIs for --kube-version', async () => {
    const old = join(work, 'old');
    await cp(join(work, 'mychart'), old, { recursive: true });
    await writeFile(
      join(old, 'Chart.yaml'),
      'apiVersion: v2\nname: old\nversion: 0.1.0\nicon: https://example.com/i.png\n',
    );
    await writeFile(
      join(old, 'templates', 'pdb.yaml'),
      '{{- if .Values.pdb }}\napiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata:\n  name: x\nspec:\n  minAvailable: 1\n{{- end }}\n',
    );
    assert.equal(runCli(['lint', old, '--strict']).status, 0);
    const warned = runCli(['lint', old, '--set', 'pdb=true', '--kube-version', '1.21.0']);
    assert.equal(warned.status, 0);
    assert.match(
      warned.stdout,
      /\[WARNING\] templates\/pdb\.yaml: policy\/v1beta1 PodDisruptionBudget is deprecated in v1\.21\+, unavailable in v1\.25\+; use policy\/v1 PodDisruptionBudget/,
    );
    assert.doesNotMatch(runCli(['lint', old, '--set', 'pdb=true', '--kube-version', '1.20.0']).stdout, /deprecated/);
    const strict = runCli(['lint', old, '--set', 'pdb=true', '--kube-version', '1.21.0', '--strict']);
    assert.equal(strict.status, 1);
    // Removed APIs are still reported as deprecated, as Helm does.
    assert.match(
      runCli(['lint', old, '--set', 'pdb=true', '--kube-version', '1.25.0']).stdout,
      /unavailable in v1.25\+/,
    );
    const broken = runCli(['lint', old, '--set', 'service.port=[1']);
    assert.notEqual(broken.status, 0);
  });

  it('renders as Helm 2.17.0 by default (no lookup), as Helm v4.1.4 with --dialect helm3', async () => {
    const chart = join(work, 'looker');
    await mkdir(join(chart, 'templates'), { recursive: true });
    await writeFile(
      join(chart, 'Chart.yaml'),
      'apiVersion: v1\nname: looker\nversion: 0.1.0\nicon: https://example.com/i.png\n',
    );
    await writeFile(join(chart, 'values.yaml'), '{}\n');
    await writeFile(
      join(chart, 'templates', 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: looker\ndata:\n  n: "{{ len (lookup "v1" "Pod" "" "") }}"\n',
    );
    const helm2 = runCli(['lint', chart]);
    assert.equal(helm2.status, 1, helm2.stdout);
    assert.match(helm2.stdout, /function "lookup" not defined/);
    const helm3 = runCli(['lint', chart, '--dialect', 'helm3']);
    assert.equal(helm3.status, 0, helm3.stdout);
  });

  it('renders a liquid chart without its leniency for unset values with --strict, in both dialects', async () => {
    const chart = join(work, 'liq');
    await mkdir(join(chart, 'templates'), { recursive: true });
    await writeFile(join(chart, 'Chart.yaml'), 'apiVersion: v1\nname: liq\nversion: 0.1.0\nengine: liquid\n');
    await writeFile(join(chart, 'values.yaml'), 'a: 1\n');
    await writeFile(
      join(chart, 'templates', 'cm.yaml'),
      `${CONFIG_MAP}data:\n  a: "{% if Values.nope %}y{% endif %}"\n`,
    );
    assert.equal(runCli(['lint', chart]).status, 0);
    for (const dialect of ['helm2', 'helm3']) {
      const strict = runCli(['lint', chart, '--strict', '--dialect', dialect]);
      assert.equal(strict.status, 1, dialect);
      assert.match(strict.stdout, /\[ERROR\] templates\/: .*undefined variable: Values\.nope/, dialect);
    }
  });

  it('lints subcharts with --with-subcharts', async () => {
    const parent = join(work, 'parent');
    await createChart({ path: parent, choices: DEFAULT_CHOICES });
    await mkdir(join(parent, 'charts', 'child'), { recursive: true });
    await writeFile(join(parent, 'charts', 'child', 'Chart.yaml'), 'apiVersion: v2\nname: child\nversion: nope\n');
    const ours = runCli(['lint', '--dialect', 'helm3', parent, '--with-subcharts']);
    const theirs = runHelm(['lint', parent, '--with-subcharts']);
    assert.equal(ours.status, theirs.status);
    assert.match(ours.stdout, /==> Linting .*charts\/child\n/);
    assert.deepEqual(findingCounts(ours.stdout), findingCounts(theirs.stdout));
  });

  it('prints what the real Helm 2.17 prints for every conformance chart', async () => {
    const corpus = join(conformanceDir(), 'charts');
    const charts = (await readdir(corpus)).sort();
    assert.ok(charts.length > 0, `no conformance charts in ${corpus}`);
    const differences: string[] = [];
    for (const chart of charts) {
      const ours = runCli(['lint', chart], { cwd: corpus });
      const theirs = runHelm2(['lint', chart], { cwd: corpus });
      if (ours.status !== theirs.status || ours.stdout !== theirs.stdout)
        differences.push(
          `${chart}: exit ${theirs.status}\n${theirs.stdout}--- helmts: exit ${ours.status}\n${ours.stdout}`,
        );
      else assert.equal(withoutLogTimes(ours.stderr), withoutLogTimes(theirs.stderr), chart);
    }
    assert.deepEqual(differences, []);
  });

  it('prints what helm v4 lint prints (stdout, stderr, exit code) for every conformance chart with --dialect helm3', async () => {
    const corpus = join(conformanceDir(), 'charts');
    const charts = (await readdir(corpus)).sort();
    assert.ok(charts.length > 0, `no conformance charts in ${corpus}`);
    const differences: string[] = [];
    for (const chart of charts) {
      const ours = runCli(['lint', '--dialect', 'helm3', join(corpus, chart)]);
      const theirs = runHelm(['lint', join(corpus, chart)]);
      if (
        dependencyOrderAside(ours.stdout) !== dependencyOrderAside(theirs.stdout) ||
        ours.stderr !== theirs.stderr ||
        ours.status !== theirs.status
      )
        differences.push(
          `${chart}: ours ${JSON.stringify(findingCounts(ours.stdout)[0])} (exit ${ours.status}), helm ${JSON.stringify(findingCounts(theirs.stdout)[0])} (exit ${theirs.status})`,
        );
    }
    console.log(`      conformance charts: ${charts.length - differences.length}/${charts.length} identical`);
    assert.deepEqual(differences, []);
  });
});
