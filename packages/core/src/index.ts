/**
 * The helmts plugin SDK: everything a plugin may use. Anything not exported here is internal
 * and may change without notice; test/sdk-surface.test.ts fails if an export disappears.
 */
export { HelmtsCommand, type HelmtsArgs, type HelmtsFlags } from './sdk/command.js';
// 1.5: Helm 2's words for missing or extra arguments (`static argumentErrors`); 1.6: `ignoresExtra`
export { type ArgumentErrors, needsArguments } from './sdk/command.js';
// oclif's argument and flag builders, and its types, come from the SDK too: a plugin that imports
// them from here shares the CLI's own (bundled) oclif instead of loading a second copy at start-up.
export { Args, type Command, Flags, type Hook, type Interfaces } from './sdk/oclif.js';
export { ConnectionError, describeError, HelmtsError, NotFoundError, UsageError } from './sdk/errors.js';
export { dialectFlag, globalFlags, outputFlag, valueSourcesFromFlags, valuesFlags } from './sdk/flags.js';
export { ensureHomeLayout, HelmHome, type EnsureHomeResult } from './sdk/home.js';
export { officialPluginFor, OFFICIAL_PLUGIN_COMMANDS } from './sdk/official-plugins.js';
export {
  colorEnabled,
  formatGoStructured,
  formatStructured,
  isInteractive,
  paint,
  renderTable,
  type Color,
  type OutputFormat,
  type StructuredFormat,
  type TableOptions,
} from './sdk/output.js';
export { Progress, type ProgressOptions } from './sdk/progress.js';
export {
  DEFAULT_TILLER_CONNECTION_TIMEOUT,
  DEFAULT_TILLER_NAMESPACE,
  defaultHome,
  envBoolean,
  helmEnv,
  resolveSettings,
  settingsEnvironment,
  type Settings,
  type SettingsInput,
} from './sdk/settings.js';
export { clientVersion, formatGoVersion, type VersionInfo } from './sdk/version.js';
export {
  downloaderGetters,
  type SchemeGetter,
  findDownloader,
  listDownloaders,
  runDownloader,
  type Downloader,
  type RunDownloaderOptions,
} from './legacy-plugins/downloaders.js';
export { discoverPlugins, pluginDirs, type DiscoveredPlugins } from './legacy-plugins/discovery.js';
export { type LegacyPlugin, type PluginManifest } from './legacy-plugins/manifest.js';

/** The SDK's own version; plugins can check compatibility against it. */
export const SDK_VERSION = '1.7.0';
export {
  INSTALL_TILLER_HOOK,
  type InstallTillerHookOptions,
  type InstallTillerHookResult,
  type TillerInstallRequest,
} from './sdk/install-tiller-hook.js';
// 1.4: `init` asks a plugin to add the default repositories (stable, local)
export {
  INIT_REPOSITORIES_HOOK,
  type InitRepositoriesHookOptions,
  type InitRepositoriesHookResult,
} from './sdk/init-repositories-hook.js';
// 1.3: `version` asks a plugin for Tiller's version (tunnel, TLS); the TLS flags it takes
export {
  TILLER_VERSION_HOOK,
  type TillerVersionHookOptions,
  type TillerVersionHookResult,
} from './sdk/tiller-version-hook.js';
export { queryTillerVersion } from './sdk/tiller-version.js';
export { tillerTlsFlags } from './sdk/tls-flags.js';
