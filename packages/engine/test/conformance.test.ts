/**
 * Runs every case of the conformance corpus (see its README and HELM2.md) in both columns:
 * Helm v4.1.4 with the `helm3` dialect and Helm 2.17.0 with the `helm2` dialect. Byte-for-byte for
 * deterministic cases, parsed documents with volatile paths for the others, the same error text
 * for error cases.
 *
 * The number of passing cases per column is printed and must not drop below
 * conformance-baseline.json.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  COLUMNS,
  findCorpusDir,
  loadCases,
  runCase,
  judge,
  type ConformanceCase,
  type Verdict,
} from './conformance/corpus.js';

const baseline = JSON.parse(readFileSync(new URL('./conformance-baseline.json', import.meta.url), 'utf8')) as {
  helm3: number;
  helm2: number;
};
const corpusDir = findCorpusDir();

for (const column of [COLUMNS.helm3, COLUMNS.helm2]) {
  describe(`conformance corpus, ${column.dialect} dialect (${column.expectedDir}/)`, function () {
    this.timeout(600_000);
    if (!corpusDir) {
      it('corpus is available', () =>
        assert.fail(
          'conformance corpus not found: set HELMTS_CONFORMANCE_DIR or put shared/conformance beside the repository',
        ));
      return;
    }
    const cases: ConformanceCase[] = loadCases(corpusDir, column);
    const verdicts = new Map<string, Verdict>();
    const wanted = baseline[column.dialect];

    for (const c of cases) {
      it(c.id, async function () {
        const verdict = judge(corpusDir, c, await runCase(corpusDir, c, column), column);
        verdicts.set(c.id, verdict);
        if (!verdict.pass) this.skip();
      });
    }

    after(() => {
      const passing = [...verdicts.values()].filter((v) => v.pass).length;
      console.log(`\n  conformance ${column.dialect}: ${passing}/${cases.length} cases pass (baseline ${wanted})`);
      if (process.env.HELMTS_CONFORMANCE_VERBOSE) {
        for (const [id, v] of verdicts) if (!v.pass) console.log(`  FAIL ${id}: ${v.reason}`);
      }
    });

    it('does not drop below the committed baseline', function () {
      const passing = [...verdicts.values()].filter((v) => v.pass).length;
      assert.ok(passing >= wanted, `${passing} cases pass, baseline is ${wanted}`);
    });
  });
}
