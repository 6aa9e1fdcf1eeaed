import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { buildHelm2Oracle, runHelm, runHelm2, type HelmResult } from './helm-oracle.js';
import { runCli } from './run-cli.js';

/**
 * Values texts whose documents, separators and errors the two Helms read differently: Helm 2 reads
 * the first document only (go-yaml's Unmarshal), and reads a chart's values.yaml only when it
 * renders (so `inspect` and `package` take a broken one); helm v4 cuts the text at `---` lines
 * (k8s' YAMLReader) and merges every document, refusing `--- TEXT` separators.
 */
const TEXTS = [
  'a: 1\n---\nb: 2\n',
  'a: 1\n---\nb: [\n',
  'a: 1\n---\n- x\n',
  '- 1\n',
  'a: [\n',
  'a: 1\n b: 2\n',
  'a: 1\n---\na: 2\n...\nc: 3\n',
  '--- !!str\n',
  'a: 1\n---x\n',
  'a: 1\r\n---\r\nb: 2\r\n',
  '---\n---\na: 1\n',
  'a: 1\n--- # note\nb: 2\n',
  '# only a comment\n',
  '\ufeffa: 1\n---\nb: 2\n',
];

const CHART = 'vf';

describe('values files read as each Helm reads them: documents, separators, errors (real Helm 2.17 and helm v4)', function () {
  this.timeout(600_000);
  let dir: string;

  before(function () {
    this.timeout(900_000);
    buildHelm2Oracle();
    dir = mkdtempSync(join(tmpdir(), 'helmts-values-files-'));
    mkdirSync(join(dir, CHART, 'templates'), { recursive: true });
    writeFileSync(join(dir, CHART, 'Chart.yaml'), `apiVersion: v1\nname: ${CHART}\nversion: 0.1.0\n`);
    writeFileSync(join(dir, CHART, 'templates', 'values.yaml'), 'values: {{ toJson .Values | quote }}\n');
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const same = (helmts: HelmResult, helm: HelmResult, what: string) =>
    assert.deepEqual(
      { status: helmts.status, stdout: helmts.stdout, stderr: helmts.stderr },
      { status: helm.status, stdout: helm.stdout, stderr: helm.stderr },
      what,
    );

  // Helm 2's strvals says `key map "a" has no value` whenever a dotted name's map stays empty, and
  // refuses an index cut short by the end; helm v4 accepts that and names the inner error. (Where
  // Helm 2 crashes with a Go panic, `a=1,a.b=2` or `a[-1]=1`, helmts gives helm v4's error.)
  const SETS = ['a.b', 'a.', 'nested.list[1', 'a.b[x]=1', 'a.b.c', 'x=1,a.b[0', 'a.b=1,a.c', '.a=1', 'a[0].b[1'];
  it(`--set ${SETS.join(' | ')}: Helm 2's and helm v4's strvals`, () => {
    writeFileSync(join(dir, CHART, 'values.yaml'), 'z: 0\n');
    const cwd = dir;
    for (const set of SETS) {
      same(
        runCli(['template', CHART, '--set', set], { cwd }),
        runHelm2(['template', CHART, '--set', set], { cwd }),
        set,
      );
      same(
        runCli(['template', 'x', CHART, '--set', set, '--dialect', 'helm3'], { cwd }),
        runHelm(['template', 'x', CHART, '--set', set], { cwd }),
        `${set} (helm v4)`,
      );
    }
  });

  // `-` is standard input for -f (both Helms; not in Helm 2's lint) and for helm v4's --set-file
  it('-f - and --set-file KEY=- read standard input as each Helm does', () => {
    writeFileSync(join(dir, CHART, 'values.yaml'), 'z: 0\n');
    const cwd = dir;
    const input = 'piped: yes\n';
    for (const args of [
      ['-f', '-'],
      ['-f', '-', '-f', '-'],
      ['--set-file', 'piped=-'],
      ['-f', '-', '--set-file', 'again=-'],
    ]) {
      for (const command of ['template', 'lint']) {
        same(
          runCli([command, CHART, ...args], { cwd, input }),
          runHelm2([command, CHART, ...args], { cwd, input }),
          `Helm 2 ${command} ${args.join(' ')}`,
        );
        const release = command === 'template' ? ['x'] : [];
        same(
          runCli([command, ...release, CHART, ...args, '--dialect', 'helm3'], { cwd, input }),
          runHelm([command, ...release, CHART, ...args], { cwd, input }),
          `helm v4 ${command} ${args.join(' ')}`,
        );
      }
    }
  });

  for (const text of TEXTS) {
    it(`a chart's values.yaml ${JSON.stringify(text)}: template, lint, inspect values, package`, () => {
      writeFileSync(join(dir, CHART, 'values.yaml'), text);
      const cwd = dir;
      same(runCli(['template', CHART], { cwd }), runHelm2(['template', CHART], { cwd }), 'Helm 2 template');
      same(runCli(['lint', CHART], { cwd }), runHelm2(['lint', CHART], { cwd }), 'Helm 2 lint');
      same(
        runCli(['inspect', 'values', CHART], { cwd }),
        runHelm2(['inspect', 'values', CHART], { cwd }),
        'Helm 2 inspect values',
      );
      same(
        runCli(['package', CHART, '--save=false', '-d', 'out'], { cwd }),
        runHelm2(['package', CHART, '--save=false', '-d', 'out'], { cwd }),
        'Helm 2 package',
      );
      same(
        runCli(['template', 'x', CHART, '--dialect', 'helm3'], { cwd }),
        runHelm(['template', 'x', CHART], { cwd }),
        'helm v4 template',
      );
      same(runCli(['lint', CHART, '--dialect', 'helm3'], { cwd }), runHelm(['lint', CHART], { cwd }), 'helm v4 lint');
    });

    it(`a -f file ${JSON.stringify(text)}: template, lint`, () => {
      writeFileSync(join(dir, CHART, 'values.yaml'), 'z: 0\n');
      writeFileSync(join(dir, 'user.yaml'), text);
      const cwd = dir;
      const f = ['-f', 'user.yaml'];
      same(runCli(['template', CHART, ...f], { cwd }), runHelm2(['template', CHART, ...f], { cwd }), 'Helm 2 template');
      same(runCli(['lint', CHART, ...f], { cwd }), runHelm2(['lint', CHART, ...f], { cwd }), 'Helm 2 lint');
      same(
        runCli(['template', 'x', CHART, ...f, '--dialect', 'helm3'], { cwd }),
        runHelm(['template', 'x', CHART, ...f], { cwd }),
        'helm v4 template',
      );
      same(
        runCli(['lint', CHART, ...f, '--dialect', 'helm3'], { cwd }),
        runHelm(['lint', CHART, ...f], { cwd }),
        'helm v4 lint',
      );
    });
  }
});
