/**
 * Runs every case of the conformance corpus (see its README): byte-for-byte for deterministic
 * cases, parsed documents with volatile paths for the others, same error for error cases.
 *
 * Two cases differ on purpose: `incubator-tensorflow-inception.default` and `sumokube.default`
 * use `.Release.Time.Seconds`, which Helm 4 no longer has (a nil-pointer error in the corpus);
 * helmts keeps Helm 2's `.Release.Time`, so those cases must render instead.
 *
 * The number of passing cases is printed and must not drop below conformance-baseline.json.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findCorpusDir, loadCases, runCase, judge, type ConformanceCase, type Verdict } from './conformance/corpus.js';

const baseline = JSON.parse(readFileSync(new URL('./conformance-baseline.json', import.meta.url), 'utf8')) as {
  passing: number;
};
const corpusDir = findCorpusDir();

describe('conformance corpus', function () {
  this.timeout(600_000);
  if (!corpusDir) {
    it('corpus is available', () =>
      assert.fail(
        'conformance corpus not found: set HELMTS_CONFORMANCE_DIR or put shared/conformance beside the repository',
      ));
    return;
  }
  const cases: ConformanceCase[] = loadCases(corpusDir);
  const verdicts = new Map<string, Verdict>();

  for (const c of cases) {
    it(c.id, async function () {
      const verdict = judge(corpusDir, c, await runCase(corpusDir, c));
      verdicts.set(c.id, verdict);
      if (!verdict.pass) this.skip();
    });
  }

  after(() => {
    const passing = [...verdicts.values()].filter((v) => v.pass).length;
    console.log(`\n  conformance: ${passing}/${cases.length} cases pass (baseline ${baseline.passing})`);
    if (process.env.HELMTS_CONFORMANCE_VERBOSE) {
      for (const [id, v] of verdicts) if (!v.pass) console.log(`  FAIL ${id}: ${v.reason}`);
    }
  });

  it('does not drop below the committed baseline', function () {
    const passing = [...verdicts.values()].filter((v) => v.pass).length;
    assert.ok(passing >= baseline.passing, `${passing} cases pass, baseline is ${baseline.passing}`);
  });
});
