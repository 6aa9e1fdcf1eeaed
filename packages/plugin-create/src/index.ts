export * from './scaffold/choices.js';
export { createChart, type CreateChartRequest, type CreatedChart } from './scaffold/create-chart.js';
export { choicesFromFlags, type CreateFlagAnswers } from './scaffold/flag-choices.js';
export { scaffoldFiles, CHART_NAME_PLACEHOLDER } from './scaffold/scaffold-files.js';
export {
  INQUIRER_PROMPTS,
  promptScaffoldChoices,
  summarizeChoices,
  type ScaffoldPrompts,
} from './scaffold/prompt-choices.js';
export { resolveStarterPath, starterFiles } from './scaffold/starter.js';
export { packageChart, type PackageRequest } from './package/package-chart.js';
