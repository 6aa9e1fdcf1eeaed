/**
 * The liquid scaffold (`helmts create --engine liquid`) renders to the same manifests as Helm's
 * gotpl scaffold, document by document, for the default values and --set variations.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { templateChart } from '@helmts/engine';
import { choicesFromFlags, scaffoldFiles } from '../src/index.js';

/** Each `---` document of `helm template` output, keyed by its `# Source:` line plus position. */
function documents(output: string): string[] {
  return output
    .split(/^---\n/m)
    .map((d) => d.trimEnd())
    .filter((d) => d !== '');
}

const variations: Array<[string, string[]]> = [
  ['default values', []],
  ['ingress on', ['ingress.enabled=true']],
  [
    'ingress on with tls and class',
    [
      'ingress.enabled=true',
      'ingress.className=nginx',
      'ingress.tls[0].hosts[0]=chart.example.local',
      'ingress.tls[0].secretName=tls-secret',
      'ingress.annotations.kubernetes\\.io/ingress\\.class=nginx',
    ],
  ],
  ['autoscaling on', ['autoscaling.enabled=true']],
  [
    'autoscaling on with memory target',
    ['autoscaling.enabled=true', 'autoscaling.targetMemoryUtilizationPercentage=70', 'autoscaling.maxReplicas=5'],
  ],
  [
    'custom labels and annotations',
    ['podLabels.team=payments', 'podLabels.tier=web', 'podAnnotations.prometheus\\.io/scrape=true'],
  ],
  [
    'overrides',
    ['fullnameOverride=shop', 'image.tag=1.27', 'replicaCount=3', 'serviceAccount.annotations.role=reader'],
  ],
  ['name override contained in release', ['nameOverride=release']],
  ['no service account', ['serviceAccount.create=false']],
  ['service type NodePort', ['service.type=NodePort', 'service.port=8080']],
  ['service type LoadBalancer', ['service.type=LoadBalancer']],
  ['httpRoute on', ['httpRoute.enabled=true']],
  [
    'resources and node selector',
    [
      'resources.limits.cpu=100m',
      'resources.limits.memory=128Mi',
      'nodeSelector.disktype=ssd',
      'tolerations[0].key=k',
      'tolerations[0].operator=Exists',
    ],
  ],
];

describe('liquid scaffold renders like the gotpl scaffold', function () {
  let root: string;
  const charts: Record<string, string> = {};

  before(async function () {
    root = mkdtempSync(join(tmpdir(), 'helmts-liquid-scaffold-'));
    for (const engine of ['gotpl', 'liquid']) {
      const dir = join(root, engine, 'mychart');
      for (const [path, content] of scaffoldFiles('mychart', choicesFromFlags({ engine }))) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), content);
      }
      charts[engine] = dir;
    }
  });

  after(function () {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('the liquid scaffold is a liquid chart', async function () {
    assert.match(readFileSync(join(charts.liquid, 'Chart.yaml'), 'utf8'), /^engine: liquid$/m);
    const r = await templateChart({ chart: charts.liquid, time: new Date(0) });
    assert.equal(
      r.rendered.files.has('mychart/templates/_fullname.liquid'),
      false,
      'partials are not rendered on their own',
    );
    assert.deepEqual(
      r.rendered.manifests.map((m) => m.head.kind),
      ['ServiceAccount', 'Service', 'Deployment'],
    );
  });

  for (const [title, set] of variations) {
    it(`same documents: ${title}`, async function () {
      const options = { releaseName: 'release-name', set, notes: true, time: new Date(0) };
      const gotpl = await templateChart({ ...options, chart: charts.gotpl });
      const liquid = await templateChart({ ...options, chart: charts.liquid });
      const expected = documents(gotpl.output);
      const actual = documents(liquid.output);
      assert.ok(expected.length >= 4, 'the gotpl scaffold rendered documents');
      for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
        assert.equal(actual[i], expected[i], `document ${i + 1} of ${title}`);
      }
      assert.equal(liquid.rendered.notes, gotpl.rendered.notes);
    });
  }

  it('a variation changes the output (the comparison can fail)', async function () {
    const base = await templateChart({ chart: charts.liquid, time: new Date(0) });
    const on = await templateChart({ chart: charts.liquid, set: ['ingress.enabled=true'], time: new Date(0) });
    assert.notEqual(documents(on.output).length, documents(base.output).length);
    assert.match(on.output, /kind: Ingress/);
  });
});
