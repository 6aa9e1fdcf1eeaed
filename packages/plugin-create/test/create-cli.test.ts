import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { existsSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

import { runCli, runCliOnTerminal } from './run-cli.js';

// These run the built CLI (npx tsc -b packages/plugin-create && oclif manifest) with pipes, never a terminal.
describe('create: the command, flags only', () => {
  let work: string;
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'helmts-create-cli-'));
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("writes Helm 2.17's chart with no flags, and today's scaffold with --scaffold modern, --yes or an answering flag", async () => {
    const result = runCli(['create', 'plain'], { cwd: work });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, 'Creating plain\n');
    assert.match(await readFile(join(work, 'plain', 'Chart.yaml'), 'utf8'), /^apiVersion: v1\nappVersion: "1\.0"\n/);
    assert.match(await readFile(join(work, 'plain', 'values.yaml'), 'utf8'), /repository: nginx\n {2}tag: stable\n/);
    const lint = runCli(['lint', 'plain'], { cwd: work });
    assert.equal(lint.status, 0, lint.stdout);
    for (const [name, flags] of [
      ['modern', ['--scaffold', 'modern']],
      ['yes', ['--yes']],
      ['port', ['--service-port', '8080']],
    ] as const) {
      const modern = runCli(['create', name, ...flags], { cwd: work });
      assert.equal(modern.status, 0, modern.stderr);
      assert.match(await readFile(join(work, name, 'Chart.yaml'), 'utf8'), /^apiVersion: v2$/m, name);
    }
    const mixed = runCli(['create', 'mixed', '--scaffold', 'helm2', '--engine', 'liquid'], { cwd: work });
    assert.equal(mixed.status, 2);
    assert.match(
      mixed.stderr,
      /^Error: --engine applies to the modern scaffold, not to Helm 2's \(--scaffold helm2\)\n/,
    );
    assert.equal(existsSync(join(work, 'mixed')), false);
    assert.equal(runCli(['create', 'h2', '--scaffold', 'helm2', '--yes'], { cwd: work }).status, 0);
  });

  it("asks nothing on a terminal for Helm 2's chart", async function () {
    if (spawnSync('script', ['--version']).status !== 0) this.skip();
    const r = await runCliOnTerminal(['create', 'quiet'], { cwd: work, when: /Creating quiet/, keys: '' });
    assert.equal(r.status, 0, r.output);
    assert.doesNotMatch(r.output, /\?/);
    assert.match(await readFile(join(work, 'quiet', 'Chart.yaml'), 'utf8'), /^apiVersion: v1$/m);
  });

  it("the liquid scaffold passes its own lint; a gotpl chart still gets Helm's extension finding for .liquid", async () => {
    assert.equal(runCli(['create', 'lq', '--engine', 'liquid', '--yes'], { cwd: work }).status, 0);
    const liquid = runCli(['lint', 'lq'], { cwd: work });
    assert.equal(liquid.status, 0, liquid.stdout);
    assert.doesNotMatch(liquid.stdout, /\[(ERROR|WARNING)\]/);
    assert.equal(runCli(['create', 'gt', '--yes'], { cwd: work }).status, 0);
    await writeFile(join(work, 'gt', 'templates', '_stray.liquid'), 'plain text\n');
    const extension = "file extension '\\.liquid' not valid\\. Valid extensions are \\.yaml, \\.yml, \\.tpl, or \\.txt";
    // Helm 2 warns (a failure with --strict), today's Helm makes it an error
    const gotpl = runCli(['lint', 'gt'], { cwd: work });
    assert.equal(gotpl.status, 0);
    assert.match(gotpl.stdout, new RegExp(`^\\[WARNING\\] templates/_stray\\.liquid: ${extension}$`, 'm'));
    assert.equal(runCli(['lint', 'gt', '--strict'], { cwd: work }).status, 1);
    const helm3 = runCli(['lint', 'gt', '--dialect', 'helm3'], { cwd: work });
    assert.equal(helm3.status, 1);
    assert.match(helm3.stdout, new RegExp(`^\\[ERROR\\] templates/_stray\\.liquid: ${extension}$`, 'm'));
  });

  it('Ctrl-C at a question on a terminal exits 130 and writes nothing', async function () {
    if (spawnSync('script', ['--version']).status !== 0) this.skip(); // util-linux script gives the terminal
    const r = await runCliOnTerminal(['create', 'interrupted', '--scaffold', 'modern'], {
      cwd: work,
      when: /Template engine/,
      keys: '\u0003',
    });
    assert.equal(r.status, 130, r.output);
    assert.equal(existsSync(join(work, 'interrupted')), false);
  });

  it('answers every question with flags', async () => {
    const result = runCli(
      [
        'create',
        'web',
        '--engine',
        'liquid',
        '--description',
        'Web front',
        '--app-version',
        '2.0.0',
        '--image',
        'ghcr.io/acme/web',
        '--image-tag',
        '2.0.1',
        '--service-type',
        'LoadBalancer',
        '--service-port',
        '8443',
        '--no-ingress',
        '--no-http-route',
        '--no-autoscaling',
        '--no-service-account',
        '--configmap',
        '--no-test-hook',
      ],
      { cwd: work },
    );
    assert.equal(result.status, 0, result.stderr);
    const chart = await readFile(join(work, 'web', 'Chart.yaml'), 'utf8');
    assert.match(chart, /^description: Web front$/m);
    assert.match(chart, /^engine: liquid$/m);
    assert.match(chart, /^appVersion: "2.0.0"$/m);
    const values = await readFile(join(work, 'web', 'values.yaml'), 'utf8');
    assert.match(values, /repository: ghcr.io\/acme\/web\n[\s\S]*tag: "2.0.1"\n/);
    assert.match(values, /type: LoadBalancer\n.*\n {2}port: 8443\n/);
    assert.doesNotMatch(values, /ingress:|autoscaling:|serviceAccount:|httpRoute:/);
    assert.deepEqual((await readdir(join(work, 'web', 'templates'))).sort(), [
      'NOTES.txt',
      '_chart.liquid',
      '_fullname.liquid',
      '_labels.liquid',
      '_name.liquid',
      '_selectorLabels.liquid',
      'configmap.yaml',
      'deployment.yaml',
      'service.yaml',
    ]);
  });

  it('refuses an invalid name and a non-empty directory with a hint, exit code as a usage error', async () => {
    const bad = runCli(['create', 'no good'], { cwd: work });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /Error: chart name "no good" is not valid/);
    assert.equal(runCli(['create', 'twice'], { cwd: work }).status, 0);
    const again = runCli(['create', 'twice'], { cwd: work });
    assert.equal(again.status, 1);
    assert.match(again.stderr, /already exists and is not empty\nHint: Pass --force/);
    assert.equal(runCli(['create', 'twice', '--force'], { cwd: work }).status, 0);
    // as Helm 2: the parent directory must exist
    const orphan = runCli(['create', join('no', 'parent')], { cwd: work });
    assert.deepEqual(
      [orphan.status, orphan.stdout, orphan.stderr],
      [1, 'Creating no/parent\n', `Error: stat ${join(work, 'no')}: no such file or directory\n`],
    );
  });

  it('takes a starter by name from HELMTS_HOME/starters', async () => {
    const home = join(work, 'home');
    mkdirSync(join(home, 'starters'), { recursive: true });
    assert.equal(runCli(['create', join(home, 'starters', 'basic'), '--yes'], { cwd: work }).status, 0);
    const result = runCli(['create', 'fromstarter', '--starter', 'basic', '--home', home], { cwd: work });
    assert.equal(result.status, 0, result.stderr);
    assert.match(
      await readFile(join(work, 'fromstarter', 'templates', 'deployment.yaml'), 'utf8'),
      /include "basic\.fullname"/,
    );
    assert.match(
      await readFile(join(work, 'fromstarter', 'Chart.yaml'), 'utf8'),
      /^appVersion: "1\.0"\ndescription: A Helm chart for Kubernetes\nname: fromstarter\n/m,
    );
    const modern = runCli(['create', 'modernstarter', '-p', 'basic', '--app-version', '3.1.4', '--home', home], {
      cwd: work,
    });
    assert.equal(modern.status, 0, modern.stderr);
    assert.match(await readFile(join(work, 'modernstarter', 'Chart.yaml'), 'utf8'), /^appVersion: 3\.1\.4$/m);
    const missing = runCli(['create', 'nope', '--starter', 'absent', '--home', home], { cwd: work });
    // Helm 2's words: "could not load DIR: stat DIR: no such file or directory", one line
    assert.equal(missing.status, 1);
    const absent = join(home, 'starters', 'absent');
    assert.equal(missing.stderr, `Error: could not load ${absent}: stat ${absent}: no such file or directory\n`);
  });
});
