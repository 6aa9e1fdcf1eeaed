/**
 * Developer report: `npx tsx test/conformance/report.ts [helm2|helm3] [case-id-substring]` prints
 * why each failing case of that column fails (default helm3).
 */
import { COLUMNS, findCorpusDir, loadCases, runCase, judge } from './corpus.js';

const dir = findCorpusDir();
if (!dir) throw new Error('conformance corpus not found');
const args = process.argv.slice(2);
const column = args[0] === 'helm2' || args[0] === 'helm3' ? COLUMNS[args.shift() as 'helm2' | 'helm3'] : COLUMNS.helm3;
const filter = args[0];
let passing = 0;
const cases = loadCases(dir, column).filter((c) => !filter || c.id.includes(filter));
for (const c of cases) {
  const v = judge(dir, c, await runCase(dir, c, column), column);
  if (v.pass) passing++;
  else console.log(`FAIL ${c.id}: ${v.reason}`);
}
console.log(`${column.dialect}: ${passing}/${cases.length} pass`);
