/**
 * @helmts/repo: chart repositories as Helm 2 has them. Formats (index.yaml, repositories.yaml),
 * downloads with auth and TLS, the compact index cache behind search and resolution, chart
 * reference resolution for install/upgrade/fetch, `repo index`, serving, and dependencies.
 */
export { ChartLookupError, InvalidRequestError, RepoConnectionError, RepoError, RepoNotFoundError } from './errors.js';
export { indexCachePath, type RepositoryPaths } from './repository-paths.js';
export { DEVEL_CONSTRAINT, effectiveConstraint, parseConstraint, pickVersion } from './chart-lookup.js';
export {
  downloadToFile,
  HttpStatusError,
  UnsupportedSchemeError,
  USER_AGENT,
  type DownloadOptions,
  type DownloadResult,
  type SchemeGetter as TransportSchemeGetter,
  type SchemeGetters,
  type TransportOptions,
} from './http/download.js';
export { canFetch, indexUrl, isHttpUrl, joinUrl, redactUrl, resolveChartUrl, schemeOf } from './http/url.js';
export { cacheFileOf, IndexCache, type CachedChartVersion } from './index-cache.js';
export { normalizeChartVersion, type ChartVersion } from './index-file/chart-version.js';
export { formatGoTime } from './index-file/go-time.js';
export { indexDirectory, sha256File, type IndexDirectoryOptions } from './index-file/index-directory.js';
export { IndexFile } from './index-file/index-file.js';
export {
  IndexFormatError,
  MAX_WHOLE_DOCUMENT_BYTES,
  readIndexFile,
  type IndexHeader,
  type IndexVisitor,
} from './index-file/index-reader.js';
export { cachePathOf, RepositoriesFile, withRepositoriesLock, type RepositoryEntry } from './repositories-file.js';
export {
  addRepository,
  fetchRepositoryIndex,
  LOCAL_REPOSITORY,
  loadRepositoryCaches,
  removeRepository,
  summarizeProblems,
  transportOf,
  updateRepositories,
  type AddRepositoryOptions,
  type AddRepositoryResult,
  type FetchIndexOptions,
  type LoadedRepository,
  type UpdateResult,
} from './repositories.js';
export {
  defaultChartSources,
  downloadChart,
  locateChart,
  localPathSource,
  repositorySource,
  repoUrlSource,
  resolveChart,
  urlSource,
  type ChartLocation,
  type ChartRequest,
  type ChartSource,
  type ResolvedChart,
} from './resolve/chart-reference.js';
export { ociChartSource } from './oci/oci-chart-source.js';
export { defaultKeyring } from './provenance/default-keyring.js';
export { readKeyring, selectKey } from './provenance/keyring.js';
export { parseProvenanceMessage, provenanceMessage, type ProvenanceBody } from './provenance/message-block.js';
export { ProvenanceError } from './provenance/provenance-error.js';
export { sha256Hex, signChartArchive, type SigningRequest } from './provenance/sign-chart-archive.js';
export { verifyChartArchive, type Verification } from './provenance/verify-chart-archive.js';
export { pushChart, type PushChartOptions } from './oci/push-chart.js';
export { registryLogin, registryLogout, type RegistryLoginOptions } from './oci/registry-login.js';
export { HELM_MEDIA_TYPES } from './oci/helm-chart-artifact.js';
export { searchRepositories, type SearchOptions, type SearchResult } from './search.js';
export {
  buildDependencies,
  listDependencies,
  updateDependencies,
  type DependencyListing,
  type DependencyRunOptions,
  type DependencyStatus,
} from './dependencies/dependency-manager.js';
export {
  dependencyDigest,
  loadDependencyFiles,
  writeLockFile,
  type Dependency,
  type DependencyFiles,
  type LockedDependency,
} from './dependencies/requirements.js';
export {
  startRepositoryServer,
  type RepositoryServer,
  type RepositoryServerOptions,
} from './serve/repository-server.js';
export {
  addDefaultRepositories,
  DEFAULT_LOCAL_REPOSITORY_URL,
  DEFAULT_STABLE_REPOSITORY_URL,
  type DefaultRepositoriesOptions,
  type DefaultRepositoriesResult,
} from './default-repositories.js';
export { addChartToLocalRepository } from './local-repository.js';
export { fetchValueFiles, type FetchValueFilesOptions } from './values/fetch-value-files.js';
