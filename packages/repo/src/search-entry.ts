/**
 * `@helmts/repo/search`: the slice of this package that `search` needs, importable without the
 * YAML writer, HTTP and archive code, so a search process starts and ends quickly.
 */
export { cacheFileOf, IndexCache, type CachedChartVersion } from './index-cache.js';
export { cachePathOf, RepositoriesFile, type RepositoryEntry } from './repositories-file.js';
export { searchRepositories, type SearchOptions, type SearchResult } from './search.js';
