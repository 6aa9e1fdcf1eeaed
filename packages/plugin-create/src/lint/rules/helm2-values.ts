import { parseValuesYaml, ValuesParseError } from '@helmts/chart';

import { Linter, Severity } from '../linter.js';
import type { LintTarget } from '../lint-target.js';

const FILE = 'values.yaml';

/**
 * values.yaml as Helm 2.17 lints it (pkg/lint/rules/values.go): INFO when there is none, ERROR
 * when it does not parse into a table. Helm 2 knows no values.schema.json.
 */
export function lintHelm2Values(linter: Linter, target: LintTarget): void {
  const data = target.files.get(FILE);
  if (!linter.check(Severity.Info, FILE, data === undefined ? 'file does not exist' : undefined)) return;
  try {
    // Helm 2 reads values into its chartutil.Values type, and names it
    parseValuesYaml(Buffer.from(data!).toString('utf8'), FILE, { helm2: true, goType: 'chartutil.Values' });
  } catch (error) {
    if (!(error instanceof ValuesParseError)) throw error;
    const message = error.message.replace(/^values\.yaml: /, '');
    linter.check(Severity.Error, FILE, `unable to parse YAML\n\t${message}`);
  }
}
