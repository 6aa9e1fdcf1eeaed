import assert from 'node:assert/strict';

import * as sdk from '../src/index.js';

/**
 * The SDK's public surface. Removing or renaming any of these breaks third-party plugins:
 * that needs a major version of @helmts/core, and this list changes with it.
 */
const PUBLIC_VALUE_EXPORTS_V1 = [
  'ConnectionError',
  'DEFAULT_TILLER_CONNECTION_TIMEOUT',
  'DEFAULT_TILLER_NAMESPACE',
  'HelmHome',
  'INSTALL_TILLER_HOOK',
  'HelmtsCommand',
  'HelmtsError',
  'NotFoundError',
  'OFFICIAL_PLUGIN_COMMANDS',
  'Progress',
  'SDK_VERSION',
  'UsageError',
  'clientVersion',
  'colorEnabled',
  'defaultHome',
  'describeError',
  'downloaderGetters',
  'ensureHomeLayout',
  'formatGoVersion',
  'formatStructured',
  'globalFlags',
  'isInteractive',
  'officialPluginFor',
  'outputFlag',
  'paint',
  'renderTable',
  'resolveSettings',
  'settingsEnvironment',
  'valuesFlags',
  // 1.1: legacy Helm plugins (plugin.yaml) and their downloaders
  'discoverPlugins',
  'findDownloader',
  'listDownloaders',
  'pluginDirs',
  'runDownloader',
  // 1.2: oclif's builders, so plugins share the CLI's oclif
  'Args',
  'Flags',
  // 1.3: Tiller's version through a plugin (tunnel, TLS)
  'TILLER_VERSION_HOOK',
  'queryTillerVersion',
  'tillerTlsFlags',
  // 1.4: init adds the default repositories through a plugin
  'INIT_REPOSITORIES_HOOK',
  // 1.4: -o json|yaml as Helm 2 marshals its structs
  'formatGoStructured',
  // 1.5: Helm 2's words for missing or extra arguments
  'needsArguments',
  // 1.7: what valuesFlags parsed, as mergeValueSources' input
  'valueSourcesFromFlags',
];

describe('SDK public surface', () => {
  it('still exports everything version 1 promised', () => {
    const missing = PUBLIC_VALUE_EXPORTS_V1.filter((name) => !(name in sdk));
    assert.deepEqual(missing, []);
  });

  it('is versioned', () => {
    assert.match(sdk.SDK_VERSION, /^1\.\d+\.\d+$/);
  });
});
