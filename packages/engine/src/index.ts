export type {
  Engine,
  EngineRenderOptions,
  RenderedTemplates,
  ChartScope,
  LookupFunction,
  RenderLimits,
} from './engine.js';
export { RenderError } from './engine.js';
export type { ChartTree, ChartFileLike, ChartMetadataLike } from './chart-tree.js';
export { EngineRegistry, DEFAULT_ENGINE, loadEngineFromPackage } from './engine-registry.js';
export { GotplEngine, helmTemplateOrder } from './gotpl/gotpl-engine.js';
export { helmFuncs } from './gotpl/helm-funcs.js';
export { LiquidEngine } from './lazy-liquid-engine.js';
export {
  makeCapabilities,
  Capabilities,
  KubeVersion,
  HelmBuildInfo,
  versionSet,
  type CapabilitiesOptions,
  type VersionSet,
} from './builtin-objects/capabilities.js';
export { defaultApiVersions } from './builtin-objects/default-api-versions.js';
export {
  makeReleaseObject,
  makeHelm2ReleaseObject,
  ReleaseTimestamp,
  type ReleaseOptions,
} from './builtin-objects/release.js';
export {
  makeHelm2Capabilities,
  Helm2Capabilities,
  Helm2KubeVersion,
  Helm2VersionSet,
  TillerVersion,
  type Helm2CapabilitiesOptions,
} from './builtin-objects/helm2-capabilities.js';
export {
  DIALECTS,
  DIALECT_NAMES,
  resolveDialect,
  isDialectName,
  helm2,
  helm3,
  type DialectName,
  type RenderDialect,
  type DialectErrors,
  type DialectCapabilitiesOptions,
  type ServerVersionInfo,
  type DialectTemplateOutputOptions,
  type TemplateOutputContext,
} from './dialects/index.js';
export {
  formatHelm2TemplateOutput,
  helm2TemplateFiles,
  helm2FileKind,
  Helm2TemplateNotFoundError,
} from './manifests/helm2-template-output.js';
export { makeChartFiles, type ChartFiles } from './builtin-objects/chart-files.js';
export { makeChartObject } from './builtin-objects/chart-object.js';
export { compileGlob } from './builtin-objects/glob-pattern.js';
export { buildScopes, type ScopeInputs } from './render-scopes.js';
export {
  renderChart,
  renderTemplates,
  extractNotes,
  defaultEngineRegistry,
  type RenderChartOptions,
  type RenderedChart,
} from './render-chart.js';
export {
  sortManifests,
  readManifestHead,
  type Manifest,
  type Hook,
  type HookEvent,
  type ManifestHead,
  type SortedManifests,
} from './manifests/sort-manifests.js';
export { splitManifests, goTrimSpace } from './manifests/split-manifests.js';
export { splitYamlDocuments } from './manifests/manifest-objects.js';
export {
  sortByKind,
  sortByKindThenName,
  INSTALL_ORDER,
  UNINSTALL_ORDER,
  HELM2_INSTALL_ORDER,
  HELM2_UNINSTALL_ORDER,
} from './manifests/kind-order.js';
export {
  formatTemplateOutput,
  releaseManifest,
  isTestHook,
  ShowOnlyError,
  type TemplateOutputOptions,
  type CrdFile,
} from './template-output.js';
export { templateChart, type TemplateChartOptions, type TemplateChartResult } from './template-chart.js';
export { goPathMatch } from './go-path-match.js';
export { generateReleaseName, dns1123SubdomainErrors } from './release-name.js';
