import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';

import { parseAllDocuments } from 'yaml';

import { DEFAULT_CHOICES, type ScaffoldChoices } from '../src/scaffold/choices.js';
import { createChart } from '../src/scaffold/create-chart.js';
import { choicesFromFlags } from '../src/scaffold/flag-choices.js';
import { buildHelm2Oracle, runHelm, runHelm2 } from './helm-oracle.js';

async function readTree(root: string, dir = root): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) for (const [path, data] of await readTree(root, full)) files.set(path, data);
    else files.set(relative(root, full).split(sep).join('/'), await readFile(full, 'utf8'));
  }
  return files;
}

describe('create: the scaffold', () => {
  let work: string;
  before(function () {
    this.timeout(900_000);
    buildHelm2Oracle();
  });
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'helmts-create-'));
  });
  afterEach(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("writes by default Helm 2.17's `helm create` chart, byte for byte, for plain and number-like names", async () => {
    // names Go's YAML writer quotes in Chart.yaml (numbers, booleans, dates) and ones it does not
    const names = [
      'mychart',
      '123',
      'true',
      'y',
      '1abc',
      '1_000',
      '0x1f',
      '1e3',
      '2020-01-02',
      '2020-02-30',
      'a.b_c-d',
    ];
    for (const name of names) {
      const helm = runHelm2(['create', name], { cwd: work });
      assert.equal(helm.status, 0, helm.stderr);
      assert.equal(helm.stdout, `Creating ${name}\n`);
      await mkdir(join(work, 'ours'), { recursive: true });
      const created = await createChart({ path: join(work, 'ours', name) });
      assert.equal(created.name, name);
      const theirs = await readTree(join(work, name));
      const ours = await readTree(join(work, 'ours', name));
      assert.deepEqual([...ours.keys()].sort(), [...theirs.keys()].sort(), name);
      for (const [path, data] of theirs) assert.equal(ours.get(path), data, `${name}: ${path}`);
      assert.deepEqual(await readdir(join(work, 'ours', name, 'charts')), []);
    }
    assert.equal(runHelm2(['lint', join(work, 'ours', 'mychart')]).status, 0);
  });

  it('writes, for the default choices, the files `helm create` writes, byte for byte except the test hook name', async () => {
    const helm = runHelm(['create', 'mychart'], { cwd: join(work) });
    assert.equal(helm.status, 0, helm.stderr);
    await mkdir(join(work, 'ours'));
    await createChart({ path: join(work, 'ours', 'mychart'), choices: DEFAULT_CHOICES });
    const theirs = await readTree(join(work, 'mychart'));
    const ours = await readTree(join(work, 'ours', 'mychart'));
    assert.deepEqual([...ours.keys()].sort(), [...theirs.keys()].sort());
    for (const [path, data] of theirs) {
      // Helm 2's Tiller drops documents with a hook name it does not know; `test-success` works everywhere.
      const expected =
        path === 'templates/tests/test-connection.yaml'
          ? data.replace('"helm.sh/hook": test\n', '"helm.sh/hook": test-success\n')
          : data;
      assert.equal(ours.get(path), expected, path);
    }
    assert.deepEqual(await readdir(join(work, 'ours', 'mychart', 'charts')), []);
  });

  const variants: Array<
    [string, Omit<Partial<ScaffoldChoices>, 'resources'> & { resources?: Partial<ScaffoldChoices['resources']> }]
  > = [
    ['defaults', {}],
    [
      'NodePort on 8080, own image',
      {
        serviceType: 'NodePort',
        servicePort: 8080,
        imageRepository: 'ghcr.io/acme/web',
        imageTag: '2.1.0',
        appVersion: '2.1',
      },
    ],
    [
      'with a ConfigMap, without ServiceAccount and HPA',
      { resources: { configMap: true, serviceAccount: false, autoscaling: false } },
    ],
    [
      'no Service (so no Ingress, HTTPRoute, test)',
      { testHook: false, resources: { service: false, ingress: false, httpRoute: false } },
    ],
    [
      'only a Service',
      {
        testHook: true,
        resources: { deployment: false, autoscaling: false, serviceAccount: false, ingress: false, httpRoute: false },
      },
    ],
    ['LoadBalancer, description with a colon', { serviceType: 'LoadBalancer', description: 'web: the front end' }],
  ];
  for (const [title, change] of variants) {
    it(`passes the real helm lint and renders with everything switched on: ${title}`, async () => {
      const choices: ScaffoldChoices = {
        ...DEFAULT_CHOICES,
        ...change,
        resources: { ...DEFAULT_CHOICES.resources, ...change.resources },
      };
      const dir = join(work, 'web');
      await createChart({ path: dir, choices });
      const lint = runHelm(['lint', dir]);
      assert.equal(lint.status, 0, lint.stdout + lint.stderr);
      assert.match(lint.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
      const on = ['ingress.enabled=true', 'autoscaling.enabled=true', 'httpRoute.enabled=true', 'podLabels.team=web'];
      const rendered = runHelm(['template', 'rel', dir, ...on.flatMap((set) => ['--set', set])]);
      assert.equal(rendered.status, 0, rendered.stderr);
      const kinds = parseAllDocuments(rendered.stdout)
        .map((doc) => (doc.toJS() as { kind?: string } | null)?.kind)
        .filter(Boolean);
      const r = choices.resources;
      const expected = [
        r.serviceAccount && 'ServiceAccount',
        r.configMap && 'ConfigMap',
        r.service && 'Service',
        r.deployment && 'Deployment',
        r.autoscaling && 'HorizontalPodAutoscaler',
        r.httpRoute && 'HTTPRoute',
        r.ingress && 'Ingress',
        choices.testHook && 'Pod',
      ].filter(Boolean);
      assert.deepEqual([...kinds].sort(), [...expected].sort());
      if (choices.serviceType === 'NodePort')
        assert.match(rendered.stdout, /type: NodePort\n\s+ports:\n\s+- port: 8080/);
      if (choices.imageTag !== '') assert.match(rendered.stdout, /image: "ghcr.io\/acme\/web:2.1.0"/);
    });
  }

  it('refuses names that are not chart names', async () => {
    for (const name of ['my chart', 'ünï', 'a:b', 'x'.repeat(251)]) {
      await assert.rejects(createChart({ path: join(work, name), choices: DEFAULT_CHOICES }), /chart name/, name);
    }
  });

  it('refuses an existing non-empty directory unless forced, and never deletes what is there', async () => {
    const dir = join(work, 'busy');
    await mkdir(dir);
    await writeFile(join(dir, 'keep.txt'), 'mine');
    await assert.rejects(createChart({ path: dir, choices: DEFAULT_CHOICES }), /already exists and is not empty/);
    assert.deepEqual(await readdir(dir), ['keep.txt']);
    await createChart({ path: dir, choices: DEFAULT_CHOICES, force: true });
    assert.equal(await readFile(join(dir, 'keep.txt'), 'utf8'), 'mine');
    assert.match(await readFile(join(dir, 'Chart.yaml'), 'utf8'), /^name: busy$/m);
    await mkdir(join(work, 'empty'));
    await createChart({ path: join(work, 'empty'), choices: DEFAULT_CHOICES });
  });

  it('refuses choices that do not fit together, naming the reason', async () => {
    const choices = choicesFromFlags({ service: false, ingress: true });
    await assert.rejects(
      createChart({ path: join(work, 'x'), choices }),
      /the Ingress routes to the Service, which is not included/,
    );
    await assert.rejects(readdir(join(work, 'x')), /ENOENT/);
  });

  it('copies and renames a starter chart as Helm 2 does', async () => {
    const starter = join(work, 'starters', 'base');
    await mkdir(join(starter, 'templates'), { recursive: true });
    await writeFile(
      join(starter, 'Chart.yaml'),
      'apiVersion: v1\nname: base\nversion: 9.9.9\nengine: liquid\nkeywords: [x]\n',
    );
    await writeFile(join(starter, 'values.yaml'), '# values for <CHARTNAME>\nname: <CHARTNAME>\n');
    await writeFile(join(starter, 'templates', 'cm.yaml'), 'name: {{ include "<CHARTNAME>.fullname" . }}\n');
    await writeFile(join(starter, 'templates', '.hidden'), 'skip me');
    await writeFile(join(starter, 'README.md'), 'About <CHARTNAME>\n');
    const choices = choicesFromFlags({ description: 'From a starter' });
    const created = await createChart({ path: join(work, 'fresh'), choices, starterDir: starter });
    const tree = await readTree(join(work, 'fresh'));
    assert.deepEqual([...tree.keys()].sort(), ['Chart.yaml', 'README.md', 'templates/cm.yaml', 'values.yaml']);
    assert.equal(created.name, 'fresh');
    assert.equal(
      tree.get('Chart.yaml'),
      'apiVersion: v1\nappVersion: 1.16.0\ndescription: From a starter\nengine: liquid\nname: fresh\nversion: 0.1.0\n',
    );
    assert.equal(tree.get('values.yaml'), '# values for fresh\nname: fresh\n');
    assert.equal(tree.get('templates/cm.yaml'), 'name: {{ include "fresh.fullname" . }}\n');
    assert.equal(tree.get('README.md'), 'About <CHARTNAME>\n');
  });

  it("gives a chart made from a starter Helm 2's metadata when no modern choices are given", async () => {
    const starter = join(work, 'starters', 'base');
    await mkdir(join(starter, 'templates'), { recursive: true });
    await writeFile(join(starter, 'Chart.yaml'), 'apiVersion: v1\nname: base\nversion: 9.9.9\n');
    await writeFile(join(starter, 'values.yaml'), 'name: <CHARTNAME>\n');
    await mkdir(join(work, 'helm2'));
    const helm = runHelm2(['create', 'fresh', '--starter', starter], { cwd: join(work, 'helm2') });
    assert.equal(helm.status, 0, helm.stderr);
    await createChart({ path: join(work, 'fresh'), starterDir: starter });
    const ours = await readTree(join(work, 'fresh'));
    const theirs = await readTree(join(work, 'helm2', 'fresh'));
    assert.deepEqual(ours, theirs);
  });

  it('maps flags to choices: image REPO:TAG, registry ports, dependent objects following the Service out', () => {
    assert.deepEqual(choicesFromFlags({}), DEFAULT_CHOICES);
    const tagged = choicesFromFlags({ image: 'localhost:5000/acme/web:1.2' });
    assert.equal(tagged.imageRepository, 'localhost:5000/acme/web');
    assert.equal(tagged.imageTag, '1.2');
    assert.equal(choicesFromFlags({ image: 'localhost:5000/web' }).imageTag, '');
    const noService = choicesFromFlags({ service: false });
    assert.equal(noService.resources.ingress, false);
    assert.equal(noService.resources.httpRoute, false);
    assert.equal(noService.testHook, false);
  });
});
