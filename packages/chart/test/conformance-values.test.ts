import { conformanceDir } from '@helmts/testkit';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkDependencies,
  loadChart,
  mergeValueSources,
  parseValuesYaml,
  resolveChartValues,
  MissingDependenciesError,
} from '../src/index.js';
import { helmOracle, runHelm } from './helm-oracle.js';
import { asPrinted } from './normalize.js';

const corpus = conformanceDir();
interface Case {
  id: string;
  chart: string;
  values_files: string[];
  expect_error: string | null;
}
const cases: Case[] = JSON.parse(readFileSync(join(corpus, 'cases.json'), 'utf8'));
const scratch = mkdtempSync(join(tmpdir(), 'helmts-chart-oracle-'));
/**
 * Templates can mutate .Values (sprig `set`), so the dump must render before every other
 * template: Helm renders deeper paths first, hence the deep folder.
 */
const dumpTemplate = 'templates/d/d/d/d/d/d/d/d/d/d/d/d/d/d/values-dump.yaml';

/** Helm's output for `--show-only` of one template: drop the `---` / `# Source:` header. */
function stripSourceHeader(out: string): string {
  return out.replace(/^---\n# Source: [^\n]*\n/, '');
}

describe('coalesced values equal what helm computes (conformance corpus)', function () {
  const helm = helmOracle();
  before(function () {
    if (!helm) this.skip();
  });
  after(() => rmSync(scratch, { recursive: true, force: true }));

  for (const c of cases) {
    if (c.expect_error?.includes('missing in charts/ directory')) {
      it(`${c.id}: refuses the missing dependency with Helm's message`, () => {
        const chart = loadChart(join(corpus, 'charts', c.chart));
        assert.throws(
          () => checkDependencies(chart),
          (e: unknown) => e instanceof MissingDependenciesError && `Error: ${e.message}` === c.expect_error,
        );
      });
      continue;
    }
    if (c.expect_error) continue; // template-execution errors are the engine's business
    it(`${c.id}`, () => {
      const src = join(corpus, 'charts', c.chart);
      const dir = join(scratch, c.id);
      cpSync(src, dir, { recursive: true });
      mkdirSync(join(dir, dumpTemplate, '..'), { recursive: true });
      writeFileSync(join(dir, dumpTemplate), '{{ toYaml .Values }}\n');
      const args = ['template', 'conformance', dir, '--namespace', 'conformance-ns', '--kube-version', 'v1.30.0'];
      for (const f of c.values_files) args.push('-f', join(src, f));
      args.push('--show-only', dumpTemplate);
      const r = runHelm(helm!, args);
      assert.equal(r.status, 0, r.stderr);
      const expected = parseValuesYaml(stripSourceHeader(r.stdout), 'helm output');

      const chart = loadChart(src);
      const user = mergeValueSources({ valueFiles: c.values_files.map((f) => join(src, f)) });
      const { values } = resolveChartValues(chart, user);
      assert.deepStrictEqual(asPrinted(values), asPrinted(expected));
    });
  }
});
