import { conformanceDir } from '@helmts/testkit';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ChartValuesError,
  chartToArchive,
  coalesceValues,
  loadChart,
  metadataAsYaml,
  saveChartArchive,
  HelmIgnoreRules,
  validateChart,
  type Chart,
} from '../src/index.js';
import { helmOracle, runHelm } from './helm-oracle.js';

const charts = join(conformanceDir(), 'charts');

/** Chart equality for round trips: metadata, values, every file's bytes, recursively. */
function comparable(c: Chart): unknown {
  const files = (list: { name: string; data: Uint8Array }[]) =>
    list.map((f) => [f.name, Buffer.from(f.data).toString('base64')]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return {
    // Helm re-writes Chart.yaml with empty fields omitted, so compare what it would write
    metadata: metadataAsYaml(c.metadata),
    dependencyDeclarations: c.metadata.dependencies,
    values: c.values,
    rawValues: c.rawValues,
    schema: c.schema ? Buffer.from(c.schema).toString('base64') : undefined,
    templates: files(c.templates),
    files: files(c.files),
    crds: files(c.crds).map((f) => f[0]),
    lock: c.lock,
    dependencies: [...c.dependencies].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1)).map(comparable),
  };
}

describe('loading the conformance charts', () => {
  for (const name of readdirSync(charts).sort()) {
    it(`${name} loads, and load -> package -> load gives an equal chart`, () => {
      const chart = loadChart(join(charts, name));
      assert.ok(chart.metadata.name);
      const again = loadChart(chartToArchive(chart));
      assert.deepStrictEqual(comparable(again), comparable(chart));
    });
  }

  it('finds subcharts as directories and archives, with their own values', () => {
    const c = loadChart(join(charts, 'hlf-ca'));
    assert.deepEqual(
      c.dependencies.map((d) => d.metadata.name),
      ['mysql', 'postgresql'],
    );
    assert.equal(c.metadata.apiVersion, 'v1');
    assert.ok(c.metadata.dependencies!.length >= 2, 'requirements.yaml dependencies land in metadata');
    assert.ok(c.files.some((f) => f.name === 'requirements.yaml'));
  });
});

describe('packaging', () => {
  it('is deterministic: same chart, same bytes', () => {
    const chart = loadChart(join(charts, 'grafana'));
    assert.ok(chartToArchive(chart).equals(chartToArchive(loadChart(join(charts, 'grafana')))));
  });

  it('writes <name>-<version>.tgz with one top folder named after the chart', () => {
    const out = mkdtempSync(join(tmpdir(), 'helmts-pkg-'));
    const chart = loadChart(join(charts, 'magento'));
    const file = saveChartArchive(chart, out);
    assert.equal(file, join(out, `magento-${chart.metadata.version}.tgz`));
    const again = loadChart(file);
    assert.deepEqual(again.dependencies.map((d) => d.metadata.name).sort(), ['elasticsearch', 'mariadb']);
    rmSync(out, { recursive: true, force: true });
  });

  it('refuses to package invalid metadata', () => {
    const chart = loadChart(join(charts, 'grafana'));
    assert.throws(
      () => chartToArchive({ ...chart, metadata: { ...chart.metadata, version: 'not-semver' } }),
      /chart validation: validation: chart.metadata.version "not-semver" is invalid/,
    );
  });
});

describe('interop with the real helm', function () {
  const helm = helmOracle();
  let work: string;
  before(function () {
    if (!helm) this.skip();
    work = mkdtempSync(join(tmpdir(), 'helmts-interop-'));
  });
  after(() => work && rmSync(work, { recursive: true, force: true }));

  for (const name of ['grafana', 'hlf-ca', 'kanister-operator', 'cert-manager', 'magento']) {
    it(`helm lint and helm template accept ${name} packaged here`, () => {
      const file = saveChartArchive(loadChart(join(charts, name)), join(work, name));
      const lint = runHelm(helm!, ['lint', file]);
      // some corpus charts fail lint as they are (undeclared vendored subcharts); packaging must not change that
      const lintSource = runHelm(helm!, ['lint', join(charts, name)]);
      if (lintSource.status === 0) assert.equal(lint.status, 0, lint.stdout + lint.stderr);
      // an error the packaged chart gets must already be an error of the source chart
      const errors = (out: string) =>
        out
          .split('\n')
          .filter((l) => l.startsWith('[ERROR]'))
          .map((l) => l.replace(/\/tmp\/[^:]*: /, ''));
      const sourceErrors = errors(lintSource.stdout).map((l) => l.replace(/^\[ERROR\] [^:]*: /, ''));
      for (const e of errors(lint.stdout))
        assert.ok(
          sourceErrors.some((se) => e.endsWith(se)),
          `${e} not in ${sourceErrors.join('; ')}`,
        );
      const fromDir = runHelm(helm!, ['template', 'conformance', join(charts, name), '--kube-version', 'v1.30.0']);
      const fromPkg = runHelm(helm!, ['template', 'conformance', file, '--kube-version', 'v1.30.0']);
      assert.equal(fromPkg.status, 0, fromPkg.stderr);
      if (
        !/randAlphaNum|genCA|uuidv4|now|randAlpha/.test(
          JSON.stringify(loadChart(file).templates.map((t) => Buffer.from(t.data).toString())),
        )
      ) {
        assert.equal(fromPkg.stdout, fromDir.stdout);
      }
    });
  }

  it('a chart packaged by helm package loads here and equals the directory', () => {
    const out = join(work, 'helm-packaged');
    mkdirSync(out, { recursive: true });
    const r = runHelm(helm!, ['package', join(charts, 'hlf-ca'), '-d', out]);
    assert.equal(r.status, 0, r.stderr);
    const tgz = readdirSync(out).find((f) => f.endsWith('.tgz'))!;
    const fromHelm = loadChart(join(out, tgz));
    const fromDir = loadChart(join(charts, 'hlf-ca'));
    // Helm 4 drops the Helm 2 field `engine` when it re-writes Chart.yaml
    const dropEngine = (c: Chart) => {
      delete c.metadata.engine;
      c.dependencies.forEach(dropEngine);
    };
    dropEngine(fromDir);
    assert.deepStrictEqual(comparable(fromHelm), comparable(fromDir));
  });
});

describe('.helmignore', () => {
  it('follows Helm rules: base-name globs, paths, dir-only, root-anchored, negation quirk', () => {
    const r = HelmIgnoreRules.parse('# comment\n*.swp\n.git/\n/secret.txt\ndocs/*.md\n');
    r.addDefaults();
    assert.equal(r.ignores('a/b/file.swp', false), true);
    assert.equal(r.ignores('.git', true), true);
    assert.equal(r.ignores('.git', false), false);
    assert.equal(r.ignores('secret.txt', false), true);
    assert.equal(r.ignores('docs/a.md', false), true);
    assert.equal(r.ignores('docs/sub/a.md', false), false);
    assert.equal(r.ignores('templates/.hidden', false), true);
    assert.equal(r.ignores('templates/ok.yaml', false), false);
    const neg = HelmIgnoreRules.parse('!keep.txt\n');
    assert.equal(neg.ignores('other.txt', false), true, 'a negation ignores what does not match');
    assert.equal(neg.ignores('keep.txt', false), false);
  });

  it('refuses ** and bad patterns', () => {
    assert.throws(() => HelmIgnoreRules.parse('a/**/b\n'), /double-star \(\*\*\) syntax is not supported/);
    assert.throws(() => HelmIgnoreRules.parse('[a\n'), /syntax error in pattern/);
  });

  it('is applied when loading a directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'helmts-ignore-'));
    cpSync(join(charts, 'clamav'), dir, { recursive: true });
    writeFileSync(join(dir, '.helmignore'), 'README.md\nextra/\n');
    mkdirSync(join(dir, 'extra'));
    writeFileSync(join(dir, 'extra', 'x.txt'), 'x');
    const c = loadChart(dir);
    assert.ok(!c.files.some((f) => f.name === 'README.md' || f.name.startsWith('extra/')));
    assert.ok(c.files.some((f) => f.name === '.helmignore'));
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('validateChart', () => {
  it('reports problems naming file and field', () => {
    const chart = loadChart(join(charts, 'grafana'));
    const broken: Chart = {
      ...chart,
      metadata: {
        ...chart.metadata,
        version: 'x.y',
        kubeVersion: '>>1',
        dependencies: [{ name: 'absent', repository: '', version: '1.x' }],
      },
    };
    const messages = validateChart(broken).map((i) => i.message);
    assert.ok(messages.includes('Chart.yaml: version: chart.metadata.version "x.y" is invalid'), messages.join('\n'));
    assert.ok(messages.includes('Chart.yaml: kubeVersion: ">>1" is not a valid version range'));
    assert.ok(messages.includes('Chart.yaml: dependencies[0]: "absent" is declared but missing in charts/'));
  });

  it('accepts every conformance chart whose dependencies are vendored', () => {
    for (const name of readdirSync(charts)) {
      if (name === 'datadog' || name === 'incubator-kafka') continue;
      const issues = validateChart(loadChart(join(charts, name))).filter((i) => i.severity === 'error');
      assert.deepEqual(issues, [], name);
    }
  });

  it('reads Chart.yaml bytes exactly once per load (no hidden writes)', () => {
    assert.ok(readFileSync(join(charts, 'grafana', 'Chart.yaml')).length > 0);
  });
});

describe("Helm 2's loader (helm2: true)", () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'helmts-load-helm2-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes a chart directory (name → text) and returns its path. */
  function chartDir(name: string, files: Record<string, string>): string {
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, file, '..'), { recursive: true });
      writeFileSync(join(dir, name, file), text);
    }
    return join(dir, name);
  }
  const loadError = (path: string, helm2: boolean) => {
    try {
      loadChart(path, { helm2 });
    } catch (error) {
      return error as Error & { file?: string };
    }
    return assert.fail(`${path} loaded`);
  };

  it("needs only a name, as Helm 2.17's chartutil does; today's Helm validates the metadata", () => {
    const path = chartDir('lenient', { 'Chart.yaml': 'apiVersion: v1\nname: lenient\nversion: bad\n' });
    assert.equal(loadChart(path, { helm2: true }).metadata.version, 'bad');
    assert.match(loadError(path, false).message, /chart\.metadata\.version "bad" is invalid/);
    const nameless = chartDir('nameless', { 'Chart.yaml': 'apiVersion: v1\nversion: 0.1.0\n' });
    assert.equal(loadError(nameless, true).message, 'invalid chart (Chart.yaml): name must not be empty');
    const v3 = chartDir('v3', { 'Chart.yaml': 'apiVersion: v3\nname: v3\nversion: 0.1.0\n' });
    assert.equal(loadError(v3, true).message, `apiVersion 'v3' is not valid. The value must be "v1"`);
  });

  it("words a subchart's failure as Helm 2 does and says which file failed", () => {
    const parent = chartDir('parent', {
      'Chart.yaml': 'apiVersion: v1\nname: parent\nversion: 0.1.0\n',
      'charts/child/Chart.yaml': 'apiVersion: v1\nname: [child\nversion: 0.1.0\n',
    });
    const helm2 = loadError(parent, true);
    assert.match(helm2.message, /^error unpacking child in parent: /);
    assert.equal(helm2.file, 'charts/child/Chart.yaml');
    assert.match(loadError(parent, false).message, /^error unpacking subchart child in parent: /);
  });

  it('keeps an unreadable values.yaml as text, failing where the values are coalesced (Helm 2)', () => {
    const parent = chartDir('lazy', {
      'Chart.yaml': 'apiVersion: v1\nname: lazy\nversion: 0.1.0\n',
      'charts/child/Chart.yaml': 'apiVersion: v1\nname: child\nversion: 0.1.0\n',
      'charts/child/values.yaml': 'a: [1\n',
    });
    const chart = loadChart(parent, { helm2: true });
    assert.equal(chart.dependencies[0]!.rawValues, 'a: [1\n');
    assert.throws(
      () => coalesceValues(chart, {}, { helm2: true }),
      (e: unknown) =>
        e instanceof ChartValuesError &&
        e.message ===
          "Error: Reading chart 'child' default values (a: [1\n): error converting YAML to JSON: yaml: line 1: did not find expected ',' or ']'",
    );
    const helm3 = loadError(parent, false);
    assert.match(
      helm3.message,
      /^error unpacking subchart child in lazy: cannot load values\.yaml: cannot unmarshal yaml document: /,
    );
    assert.equal(helm3.file, 'charts/child/values.yaml');
  });
});
