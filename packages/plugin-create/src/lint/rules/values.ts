import { coalesceValues, parseValuesYaml, validateChartValues, ValuesParseError } from '@helmts/chart';

import { Linter, Severity } from '../linter.js';
import type { LintSettings, LintState, LintTarget } from '../lint-target.js';

const FILE = 'values.yaml';

/** values.yaml: present (else INFO), parses, and the values with the user's overrides match values.schema.json. */
export function lintValues(linter: Linter, target: LintTarget, settings: LintSettings, state: LintState): void {
  const data = target.files.get(FILE);
  if (!linter.check(Severity.Info, FILE, data === undefined ? 'file does not exist' : undefined)) return;
  try {
    // helm v4's lint reads the file with ReadValuesFile (one document), not the loader's LoadValues
    parseValuesYaml(Buffer.from(data!).toString('utf8'), FILE, { firstDocumentOnly: true, goType: 'common.Values' });
  } catch (error) {
    if (!(error instanceof ValuesParseError)) throw error;
    linter.check(Severity.Error, FILE, `unable to parse YAML: ${error.message.replace(/^values\.yaml: /, '')}`);
    return;
  }
  const chart = state.chart;
  if (chart?.schema === undefined) return;
  try {
    const values = coalesceValues(chart, structuredClone(settings.userValues));
    const violations = validateChartValues(chart, values);
    if (violations.length > 0) {
      const lines = violations.map((v) => `- ${v.path === '' ? '(root)' : v.path}: ${v.message}`);
      linter.check(
        Severity.Error,
        FILE,
        `values don't meet the specifications of the schema(s) in the following chart(s):\n${chart.metadata.name}:\n${lines.join('\n')}`,
      );
    }
  } catch (error) {
    linter.check(Severity.Error, FILE, (error as Error).message);
  }
}
