import { type Hook, type Interfaces, type Settings, type VersionInfo } from '@helmts/core';

/**
 * Answers core's `helmts:tiller-version` event: `helmts version` (a core command) asks this plugin
 * for Tiller's version, so it reaches the in-cluster Tiller through the tunnel, with TLS. The
 * connection code is imported only when the hook fires.
 */
interface TillerVersionHooks extends Interfaces.Hooks {
  'helmts:tiller-version': {
    options: { settings: Settings; tls: Record<string, unknown>; required: boolean };
    return: { server?: VersionInfo };
  };
}

const tillerVersionHook: Hook<'helmts:tiller-version', TillerVersionHooks> = async function (options) {
  const [{ tillerVersion }, { resolveTls }] = await Promise.all([
    import('../tiller/tiller-version.js'),
    import('../tiller/tls-flags.js'),
  ]);
  const tls = resolveTls(options.tls, options.settings.home);
  return { server: await tillerVersion(options.settings, tls, options.required) };
};

export default tillerVersionHook;
