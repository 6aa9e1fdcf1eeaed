import { type Hook, type Interfaces, type Settings } from '@helmts/core';

import type { TillerInstallRequest } from '../tiller-install/install-request.js';

/**
 * Answers core's `helmts:install-tiller` event: `helmts init` (a core command) hands the
 * cluster part to this plugin. The library is imported only when the hook fires, so loading
 * the hook costs nothing for other commands.
 */
interface InstallTillerHooks extends Interfaces.Hooks {
  'helmts:install-tiller': {
    options: { settings: Settings; request: TillerInstallRequest };
    return: { stdout: string };
  };
}

const installTiller: Hook<'helmts:install-tiller', InstallTillerHooks> = async function (options) {
  const { initTiller } = await import('../tiller-install/init-tiller.js');
  return { stdout: await initTiller(options.settings, options.request) };
};

export default installTiller;
