/** Developer report: `npx tsx test/conformance/report.ts [case-id-substring]` prints each failure. */
import { findCorpusDir, loadCases, runCase, judge } from './corpus.js';

const dir = findCorpusDir();
if (!dir) throw new Error('conformance corpus not found');
const filter = process.argv[2];
let passing = 0;
const cases = loadCases(dir).filter((c) => !filter || c.id.includes(filter));
for (const c of cases) {
  const v = judge(dir, c, await runCase(dir, c));
  if (v.pass) passing++;
  else console.log(`FAIL ${c.id}: ${v.reason}`);
}
console.log(`${passing}/${cases.length} pass`);
