import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkDependencies,
  loadChart,
  mergeValueSources,
  parseValuesYaml,
  processDependencies,
  resolveChartValues,
  resolveFileDependencies,
  walkChartValues,
  MissingDependenciesError,
  type Chart,
} from '../src/index.js';
import { helmOracle, runHelm } from './helm-oracle.js';
import { asPrinted } from './normalize.js';

const root = mkdtempSync(join(tmpdir(), 'helmts-chart-deps-'));
after(() => rmSync(root, { recursive: true, force: true }));
const dumpTemplate = 'templates/d/d/d/d/d/d/d/d/d/d/values-dump.yaml';

function write(path: string, text: string) {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
}

/** A parent with conditions, tags, aliases, import-values (both forms), globals and a nested subchart. */
function buildParent(dir: string) {
  rmSync(dir, { recursive: true, force: true });
  write(
    join(dir, 'Chart.yaml'),
    `apiVersion: v2
name: parent
version: 1.0.0
dependencies:
  - name: sub
    version: "~0.1.0"
    repository: file://../sub-src
    condition: sub.enabled
  - name: sub
    alias: second
    version: "0.1.x"
    repository: ""
    tags: [backend]
  - name: other
    version: ">=2.0.0"
    repository: ""
    condition: global.otherOn,other.enabled
    import-values:
      - data
      - child: defaults.nested
        parent: imported.here
  - name: wrongversion
    version: "^5.0.0"
    repository: ""
    condition: wrongversion.enabled
`,
  );
  write(
    join(dir, 'values.yaml'),
    `global:
  region: parent-region
  shared: {a: 1}
tags:
  backend: false
sub:
  enabled: true
  fromParent: yes
other:
  enabled: false
wrongversion:
  enabled: false
imported:
  here:
    keep: parent-wins
fromExport: parent-wins
`,
  );
  write(join(dir, 'templates', 'parent.yaml'), 'kind: ConfigMap\n');
  write(join(dir, dumpTemplate), '{{ toYaml .Values }}\n');
  const sub = (name: string, version: string, extra = '') => {
    const d = join(dir, 'charts', name);
    write(join(d, 'Chart.yaml'), `apiVersion: v2\nname: ${name}\nversion: ${version}\n${extra}`);
    write(join(d, 'templates', `${name}.yaml`), `kind: ConfigMap\n# {{ .Chart.Name }}\n`);
    return d;
  };
  const s = sub(
    'sub',
    '0.1.3',
    'dependencies:\n  - name: leaf\n    version: "*"\n    repository: ""\n    condition: sub.leaf.enabled\n',
  );
  write(
    join(s, 'values.yaml'),
    'global:\n  region: sub-region\n  subOnly: 1\nfromSub: 1\nfromParent: no\nleaf:\n  enabled: false\n',
  );
  write(join(s, 'charts', 'leaf', 'Chart.yaml'), 'apiVersion: v2\nname: leaf\nversion: 1.0.0\n');
  write(join(s, 'charts', 'leaf', 'templates', 'leaf.yaml'), 'kind: ConfigMap\n');
  write(join(s, 'charts', 'leaf', 'values.yaml'), 'leafValue: 1\n');
  const o = sub('other', '2.1.0');
  write(
    join(o, 'values.yaml'),
    'exports:\n  data:\n    fromExport: child\n    exportedOnly: 1\ndefaults:\n  nested:\n    keep: child\n    childOnly: true\n',
  );
  sub('wrongversion', '1.0.0');
}

function renderedSources(out: string): string[] {
  return [...out.matchAll(/^# Source: (.*)$/gm)]
    .map((m) => m[1])
    .filter((s) => !s.includes('values-dump'))
    .sort();
}

function ourSources(chart: Chart, values: Record<string, unknown>): string[] {
  const out: string[] = [];
  walkChartValues(chart, values, ({ chart: c, fullPath }) => {
    for (const t of c.templates) if (!t.name.includes('values-dump')) out.push(`${fullPath}/${t.name}`);
  });
  return out.sort();
}

describe('processDependencies (conditions, tags, aliases, import-values) agrees with helm', function () {
  const helm = helmOracle();
  const dir = join(root, 'parent');
  before(function () {
    buildParent(dir);
    if (!helm) this.skip();
  });

  const scenarios: Array<[string, string[]]> = [
    ['defaults', []],
    ['tags enable the aliased copy', ['tags.backend=true']],
    ['a condition disables sub', ['sub.enabled=false']],
    ['a global condition enables other', ['global.otherOn=true']],
    ['nested condition written from the top', ['sub.leaf.enabled=true', 'global.otherOn=true', 'sub.fromParent=null']],
  ];
  for (const [title, sets] of scenarios) {
    it(title, () => {
      const args = ['template', 'rel', dir];
      for (const s of sets) args.push('--set', s);
      const full = runHelm(helm!, args);
      assert.equal(full.status, 0, full.stderr);
      const dump = runHelm(helm!, [...args, '--show-only', dumpTemplate]);
      const expected = parseValuesYaml(dump.stdout.replace(/^---\n# Source: [^\n]*\n/, ''));

      const chart = loadChart(dir);
      const user = mergeValueSources({ set: sets });
      const { chart: processed, values } = resolveChartValues(chart, user);
      assert.deepStrictEqual(asPrinted(values), asPrinted(expected));
      assert.deepStrictEqual(ourSources(processed, values), renderedSources(full.stdout));
    });
  }
});

describe('dependency checks', () => {
  const dir = join(root, 'parent');
  before(() => buildParent(dir));

  it('leaves the input chart untouched', () => {
    const chart = loadChart(dir);
    const before = JSON.stringify(chart.metadata);
    processDependencies(chart, {});
    assert.equal(JSON.stringify(chart.metadata), before);
    assert.equal(chart.dependencies.length, 3);
  });

  it("reports a declared but absent dependency with Helm's words", () => {
    const chart = loadChart(dir);
    const missing = { ...chart, dependencies: chart.dependencies.filter((d) => d.metadata.name !== 'other') };
    assert.throws(
      () => checkDependencies(missing),
      (e: unknown) =>
        e instanceof MissingDependenciesError &&
        e.message ===
          'an error occurred while checking for chart dependencies. You may need to run `helm dependency build` to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: other',
    );
  });

  it('resolves file:// repositories from the chart directory', () => {
    const src = join(root, 'sub-src');
    rmSync(src, { recursive: true, force: true });
    write(join(src, 'Chart.yaml'), 'apiVersion: v2\nname: sub\nversion: 0.1.5\n');
    const chart = loadChart(dir);
    const withoutSub = { ...chart, dependencies: chart.dependencies.filter((d) => d.metadata.name !== 'sub') };
    const resolved = resolveFileDependencies(withoutSub, dir);
    assert.equal(resolved.dependencies.find((d) => d.metadata.name === 'sub')?.metadata.version, '0.1.5');
  });
});
