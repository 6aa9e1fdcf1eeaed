import assert from 'node:assert/strict';
import { cp, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conformanceDir } from '@helmts/testkit';

import { DEFAULT_CHOICES } from '../src/scaffold/choices.js';
import { createChart } from '../src/scaffold/create-chart.js';
import { runHelm } from './helm-oracle.js';
import { runCli } from './run-cli.js';

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
    work = await mkdtemp(join(tmpdir(), 'helmts-lint-'));
    await createChart({ path: join(work, 'mychart'), choices: DEFAULT_CHOICES });
  });
  after(async () => {
    await rm(work, { recursive: true, force: true });
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

  it('lints subcharts with --with-subcharts', async () => {
    const parent = join(work, 'parent');
    await createChart({ path: parent, choices: DEFAULT_CHOICES });
    await mkdir(join(parent, 'charts', 'child'), { recursive: true });
    await writeFile(join(parent, 'charts', 'child', 'Chart.yaml'), 'apiVersion: v2\nname: child\nversion: nope\n');
    const ours = runCli(['lint', parent, '--with-subcharts']);
    const theirs = runHelm(['lint', parent, '--with-subcharts']);
    assert.equal(ours.status, theirs.status);
    assert.match(ours.stdout, /==> Linting .*charts\/child\n/);
    assert.deepEqual(findingCounts(ours.stdout), findingCounts(theirs.stdout));
  });

  it('finds as many errors and warnings as helm lint on the conformance charts (differences listed)', async () => {
    const corpus = join(conformanceDir(), 'charts');
    const charts = (await readdir(corpus)).sort();
    assert.ok(charts.length > 0, `no conformance charts in ${corpus}`);
    const differences: string[] = [];
    for (const chart of charts) {
      const ours = findingCounts(runCli(['lint', join(corpus, chart)]).stdout)[0];
      const theirs = findingCounts(runHelm(['lint', join(corpus, chart)]).stdout)[0];
      if (JSON.stringify(ours) !== JSON.stringify(theirs))
        differences.push(`${chart}: ours ${JSON.stringify(ours)} helm ${JSON.stringify(theirs)}`);
    }
    console.log(
      `      conformance charts: ${charts.length - differences.length}/${charts.length} same counts${differences.length > 0 ? `\n        ${differences.join('\n        ')}` : ''}`,
    );
    assert.ok(differences.length <= Math.ceil(charts.length * 0.2), differences.join('\n'));
  });
});
