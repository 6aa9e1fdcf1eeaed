import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { helm2Oracle } from '@helmts/testkit';

import Template from '../src/commands/template.js';

const pluginRoot = fileURLToPath(new URL('..', import.meta.url));

/** Temporary directories of these tests, removed when they have run. */
const scratchDirs: string[] = [];
after(() => {
  for (const dir of scratchDirs) rmSync(dir, { recursive: true, force: true });
});

function makeChart(): string {
  const dir = mkdtempSync(join(tmpdir(), 'helmts-template-'));
  scratchDirs.push(dir);
  const chart = join(dir, 'demo');
  mkdirSync(join(chart, 'templates'), { recursive: true });
  mkdirSync(join(chart, 'crds'));
  writeFileSync(join(chart, 'Chart.yaml'), 'apiVersion: v2\nname: demo\nversion: 0.1.0\nappVersion: "1.0"\n');
  writeFileSync(join(chart, 'values.yaml'), 'replicas: 1\nimage: nginx\n');
  writeFileSync(
    join(chart, 'crds', 'crd.yaml'),
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: things.example.com\n',
  );
  writeFileSync(
    join(chart, 'templates', '_helpers.tpl'),
    '{{- define "demo.name" -}}{{ .Release.Name }}-{{ .Chart.Name }}{{- end -}}\n',
  );
  writeFileSync(
    join(chart, 'templates', 'deployment.yaml'),
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include "demo.name" . }}\n  namespace: {{ .Release.Namespace }}\nspec:\n  replicas: {{ .Values.replicas }}\n  template:\n    spec:\n      containers:\n      - image: {{ .Values.image }}\n',
  );
  writeFileSync(
    join(chart, 'templates', 'service.yaml'),
    'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ include "demo.name" . }}\n',
  );
  writeFileSync(
    join(chart, 'templates', 'test.yaml'),
    'apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ include "demo.name" . }}-test\n  annotations:\n    "helm.sh/hook": test\n',
  );
  writeFileSync(join(chart, 'templates', 'NOTES.txt'), 'Installed {{ .Release.Name }}.\n');
  return chart;
}

async function capture(argv: string[]): Promise<string> {
  let out = '';
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stdout.write;
  try {
    await Template.run(argv, pluginRoot);
  } finally {
    process.stdout.write = write;
  }
  return out;
}

/** Runs the command expecting a failure; returns what it wrote to stderr. */
async function captureFailure(argv: string[]): Promise<string> {
  let err = '';
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array) => {
    err += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
    return true;
  }) as typeof process.stderr.write;
  try {
    await assert.rejects(capture(argv), /EEXIT/);
  } finally {
    process.stderr.write = write;
  }
  return err;
}

/** captureFailure with the working directory set to `cwd` (relative chart paths). */
async function captureFailureIn(cwd: string, argv: string[]): Promise<string> {
  const before = process.cwd();
  process.chdir(cwd);
  try {
    return await captureFailure(argv);
  } finally {
    process.chdir(before);
  }
}

describe('helmts template', () => {
  const chart = makeChart();

  it('--dialect helm3 prints manifests in install order, then hooks, like helm template of Helm 4', async () => {
    const out = await capture(['web', chart, '--namespace', 'prod', '--set', 'replicas=3', '--dialect', 'helm3']);
    assert.equal(
      out,
      [
        '---',
        '# Source: demo/templates/service.yaml',
        'apiVersion: v1',
        'kind: Service',
        'metadata:',
        '  name: web-demo',
        '---',
        '# Source: demo/templates/deployment.yaml',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: web-demo',
        '  namespace: prod',
        'spec:',
        '  replicas: 3',
        '  template:',
        '    spec:',
        '      containers:',
        '      - image: nginx',
        '---',
        '# Source: demo/templates/test.yaml',
        'apiVersion: v1',
        'kind: Pod',
        'metadata:',
        '  name: web-demo-test',
        '  annotations:',
        '    "helm.sh/hook": test',
        '',
      ].join('\n'),
    );
  });

  it('renders as Helm 2.17.0 by default: Helm 2 flags, one header per file, hooks in place', async () => {
    const out = await capture([chart, '--name', 'old', '-x', 'templates/service.yaml', '-x', 'templates/test.yaml']);
    assert.equal(
      out,
      '---\n# Source: demo/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: old-demo\n\n' +
        '---\n# Source: demo/templates/test.yaml\napiVersion: v1\nkind: Pod\nmetadata:\n  name: old-demo-test\n  annotations:\n    "helm.sh/hook": test\n\n',
    );
    const named = await capture([
      chart,
      '--name-template',
      '{{ "Web" | lower }}-{{ add 1 2 }}',
      '-x',
      'templates/service.yaml',
    ]);
    assert.match(named, /name: web-3-demo\n/);
    const notes = await capture([chart, '--notes', '-x', 'templates/NOTES.txt']);
    assert.equal(notes, '---\n# Source: demo/templates/NOTES.txt\nInstalled release-name.\n\n');
  });

  it('refuses Helm 3-only flags without --dialect helm3, and a name given twice', async () => {
    assert.match(
      await captureFailure([chart, '--include-crds']),
      /--include-crds is a flag of Helm 3's template: add --dialect helm3/,
    );
    assert.match(
      await captureFailure(['web', chart, '--name-template', 'x']),
      /either a release name or --name-template/,
    );
  });

  it("names a chart path that is missing or no chart in Helm's words (Helm 2 checked live, Helm 4.1.4 as it printed)", async function () {
    this.timeout(900_000);
    const helm2 = join(helm2Oracle(), 'helm');
    const dir = mkdtempSync(join(tmpdir(), 'helmts-template-missing-'));
    scratchDirs.push(dir);
    writeFileSync(join(dir, 'short-file'), 'not a chart\n');
    writeFileSync(join(dir, 'long-file'), 'text\n'.repeat(200));
    const helm2Home = join(dir, 'helm-home');
    for (const chart of ['missing', join(dir, 'missing'), join(dir, 'short-file'), join(dir, 'long-file')]) {
      const real = spawnSync(helm2, ['template', chart, '--home', helm2Home], { cwd: dir, encoding: 'utf8' });
      assert.equal(real.status, 1, real.stderr);
      const err = await captureFailureIn(dir, [chart]);
      assert.equal(err, real.stderr, `helmts template ${chart}`);
    }
    // what helm v4.1.4 printed for `helm template x <chart>`
    const helm4: Array<[string, string]> = [
      ['./missing', 'Error: path "./missing" not found\n'],
      [join(dir, 'missing'), `Error: path "${join(dir, 'missing')}" not found\n`],
      ['missing', 'Error: non-absolute URLs should be in form of repo_name/path_to_chart, got: missing\n'],
      [
        join(dir, 'short-file'),
        `Error: file '${join(dir, 'short-file')}' does not appear to be a gzipped archive; got 'application/octet-stream'\n`,
      ],
      [
        join(dir, 'long-file'),
        `Error: file '${join(dir, 'long-file')}' does not appear to be a gzipped archive; got 'text/plain; charset=utf-8'\n`,
      ],
    ];
    for (const [chart, want] of helm4) assert.equal(await captureFailureIn(dir, [chart, '--dialect', 'helm3']), want);
  });

  it('renders a chart whose version Helm 2 does not check, as the real Helm 2 does; --dialect helm3 refuses it', async function () {
    this.timeout(900_000);
    const helm2 = join(helm2Oracle(), 'helm');
    const dir = mkdtempSync(join(tmpdir(), 'helmts-template-lenient-'));
    scratchDirs.push(dir);
    mkdirSync(join(dir, 'loose', 'templates'), { recursive: true });
    writeFileSync(join(dir, 'loose', 'Chart.yaml'), 'apiVersion: v1\nname: loose\nversion: bad\n');
    writeFileSync(
      join(dir, 'loose', 'templates', 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Chart.Name }}-{{ .Chart.Version }}\n',
    );
    const real = spawnSync(helm2, ['template', 'loose', '--home', join(dir, 'helm-home')], {
      cwd: dir,
      encoding: 'utf8',
    });
    assert.equal(real.status, 0, real.stderr);
    const before = process.cwd();
    process.chdir(dir);
    try {
      assert.equal(await capture(['loose']), real.stdout);
    } finally {
      process.chdir(before);
    }
    assert.match(
      await captureFailure([join(dir, 'loose'), '--dialect', 'helm3']),
      /chart\.metadata\.version "bad" is invalid/,
    );
  });

  it('--dialect helm3: -x / --show-only, --skip-tests, --no-hooks, --include-crds and --notes', async () => {
    const h3 = ['--dialect', 'helm3'];
    const only = await capture([chart, '--name', 'old', '-x', 'templates/service.yaml', ...h3]);
    assert.equal(
      only,
      '---\n# Source: demo/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: old-demo\n',
    );
    const noTests = await capture([chart, '--skip-tests', ...h3]);
    assert.ok(!noTests.includes('kind: Pod'));
    const noHooks = await capture([chart, '--no-hooks', ...h3]);
    assert.ok(!noHooks.includes('kind: Pod'));
    const crds = await capture([chart, '--include-crds', ...h3]);
    assert.ok(crds.startsWith('---\n# Source: demo/crds/crd.yaml\n'));
    const notes = await capture([chart, '--notes', ...h3]);
    assert.ok(notes.endsWith('---\n# Source: demo/templates/NOTES.txt\nInstalled release-name.\n\n'));
  });

  it('writes files with --output-dir', async () => {
    const outDir = mkdtempSync(join(tmpdir(), 'helmts-template-out-'));
    scratchDirs.push(outDir);
    const out = await capture([chart, '--output-dir', outDir, '--dialect', 'helm3']);
    assert.match(out, /^wrote .*demo\/templates\/service\.yaml$/m);
    assert.equal(
      readFileSync(join(outDir, 'demo/templates/service.yaml'), 'utf8'),
      '---\n# Source: demo/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: release-name-demo\n',
    );
  });

  it("fails with Helm's message for a required value", async () => {
    writeFileSync(join(chart, 'templates', 'required.yaml'), '{{ required "image is required" .Values.missing }}\n');
    let err = '';
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => {
      err += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString();
      return true;
    }) as typeof process.stderr.write;
    try {
      await assert.rejects(capture([chart, '--dialect', 'helm3']), /EEXIT: 1/);
      await assert.rejects(capture([chart]), /EEXIT: 1/);
    } finally {
      process.stderr.write = write;
      writeFileSync(join(chart, 'templates', 'required.yaml'), '');
    }
    assert.equal(
      err,
      'Error: execution error at (demo/templates/required.yaml:1:3): image is required\n' +
        'Error: render error in "demo/templates/required.yaml": template: demo/templates/required.yaml:1:3: executing "demo/templates/required.yaml" at <required "image is required" .Values.missing>: error calling required: image is required\n',
    );
  });
});
