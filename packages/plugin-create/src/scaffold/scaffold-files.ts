import { scaffoldChartYaml } from './chart-yaml.js';
import type { ScaffoldChoices } from './choices.js';
import { scaffoldTemplates } from './engine-templates.js';
import { GOTPL_TEMPLATES } from './gotpl-templates.js';
import { SCAFFOLD_HELMIGNORE } from './helmignore.js';
import { LIQUID_TEMPLATES } from './liquid-templates.js';
import { scaffoldValuesYaml } from './values-yaml.js';

/** The placeholder Helm's scaffold and starters use for the chart's name. */
export const CHART_NAME_PLACEHOLDER = '<CHARTNAME>';

/** Every file of a new chart: chart-relative path → content. `charts/` is created empty besides. */
export function scaffoldFiles(chartName: string, choices: ScaffoldChoices): Map<string, string> {
  const templates = scaffoldTemplates(choices, choices.engine === 'liquid' ? LIQUID_TEMPLATES : GOTPL_TEMPLATES);
  const files = new Map<string, string>([
    ['Chart.yaml', scaffoldChartYaml(chartName, choices)],
    ['values.yaml', scaffoldValuesYaml(chartName, choices)],
    ['.helmignore', SCAFFOLD_HELMIGNORE],
  ]);
  for (const [path, content] of templates) files.set(path, content.replaceAll(CHART_NAME_PLACEHOLDER, chartName));
  return files;
}
