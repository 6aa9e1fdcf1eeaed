import { type Hook } from '../sdk/oclif.js';

import { linkDataDirSdk } from '../data-dir-sdk-link.cjs';
import { SDK_VERSION } from '../index.js';
import { checkPluginPackage } from '../oclif-plugins/check-plugin-package.js';
import { describeError } from '../sdk/errors.js';
import { envBoolean } from '../sdk/settings.js';

/**
 * Before `plugins install` runs npm in the data directory: the data directory depends on this CLI
 * (so the plugin's `@helmts/core` is this one, linked, not a copy: data-dir-sdk-link.cts); then a
 * package that is no plugin, has no compiled commands, needs another SDK, or whose dependencies
 * cannot resolve is refused with one line, and nothing is installed (oclif would install it,
 * answer 0, and warn on every later command).
 */
const hook: Hook<'plugins:preinstall'> = async function ({ config, plugin }) {
  const spec = plugin.type === 'npm' ? `${plugin.name}@${plugin.tag}` : plugin.url;
  const restore = await linkDataDirSdk(config.dataDir, config.root);
  try {
    await checkPluginPackage(spec, { dataDir: config.dataDir, coreVersion: config.version, sdkVersion: SDK_VERSION });
  } catch (error) {
    await restore();
    process.stderr.write(`${describeError(error, envBoolean(process.env.HELM_DEBUG))}\n`);
    // Printed above as helmts prints errors; oclif (which may be another copy than the one that made
    // an ExitError) is told by property to exit 1 without printing anything more.
    throw Object.assign(new Error('plugin refused'), { oclif: { exit: 1 }, skipOclifErrorHandling: true });
  }
};

export default hook;
