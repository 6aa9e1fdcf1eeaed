export type { Chart, ChartFile, Dependency, Lock, Maintainer, Metadata } from './model.js';

export {
  loadChart,
  loadChartArchive,
  loadChartDirectory,
  readChartDirectory,
  type LoadChartOptions,
} from './loader/load-chart.js';
export { loadChartFromFiles, ChartLoadError } from './loader/load-files.js';
export { HelmIgnoreRules, HelmIgnoreError } from './loader/helmignore.js';
export { goPathMatch } from './loader/go-path-match.js';
export { goPathError } from './go-path-error.js';
export {
  ChartArchiveError,
  readChartArchive,
  readChartArchiveFiles,
  stripBom,
  type ChartArchiveContent,
} from './archive/read-chart-archive.js';
export { readChartArchiveMetadata } from './archive/chart-archive-metadata.js';
export { expandChartArchive } from './archive/expand-chart-archive.js';
export { DEFAULT_CHART_SIZE_LIMITS, SizeBudget, type ChartSizeLimits } from './archive/limits.js';
export {
  chartToArchive,
  saveChartArchive,
  metadataAsJson,
  metadataAsYaml,
  ChartSaveError,
  type SaveChartOptions,
} from './archive/save-chart-archive.js';

export { decodeChartYaml, decodeRequirementsYaml, decodeLockYaml, ChartFileDecodeError } from './metadata.js';
export { validateChart, validateMetadata, sanitizeString, ChartValidationError, type ChartIssue } from './validate.js';

export { parseValuesYaml, mergeMaps, ValuesParseError, type ParseValuesOptions } from './yaml/parse-values-yaml.js';
export {
  readYamlDocuments,
  readYamlFirstDocument,
  YamlReadError,
  DEFAULT_YAML_LIMITS,
  type YamlReadLimits,
} from './yaml/read-yaml.js';
export { yamlToJsonValue } from './yaml/yaml-to-json.js';
export { toYaml } from './yaml/write-yaml.js';
export { formatGoFloat } from './yaml/go-float.js';

export { isTable, hasKey, getKey, setKey, copyValues, newTable, type ValuesTable } from './values/go-map.js';
export {
  coalesceValues,
  mergeValues,
  coalesceTables,
  mergeTables,
  ChartValuesError,
  type CoalesceOptions,
  type WarningSink,
} from './values/coalesce.js';
export {
  parseSet,
  parseSetString,
  parseSetInto,
  parseSetStringInto,
  parseSetFileInto,
  parseSetJsonInto,
  typedSetValue,
  SetParseError,
  type SetParseOptions,
} from './values/strvals.js';
export {
  mergeValueSources,
  ValueSourceError,
  type ValueSources,
  type ValuesFileContent,
  type MergeValueSourcesOptions,
} from './values/merge-value-sources.js';
export { decodeJson, GoJsonError } from './values/go-json.js';
export {
  resolveChartValues,
  walkChartValues,
  type ResolvedChartValues,
  type ResolveValuesOptions,
  type ScopedChart,
} from './values/chart-values.js';

export {
  processDependencies,
  checkDependencies,
  MissingDependenciesError,
  type ProcessDependenciesOptions,
} from './dependencies/process-dependencies.js';
export { resolveFileDependencies, FileDependencyError } from './dependencies/resolve-file-dependencies.js';

export {
  validateAgainstSchema,
  validateChartValues,
  assertValuesMatchSchemas,
  SchemaValidationError,
  type SchemaViolation,
} from './schema/validate-values-schema.js';

// Masterminds semver v3, as today's Helm reads chart versions and ranges (the names predate @helmts/semver).
export {
  Version as SemVersion,
  Constraint as SemverConstraint,
  isCompatibleRange,
  isValidVersion as isValidSemver,
  SemverError,
} from '@helmts/semver';
