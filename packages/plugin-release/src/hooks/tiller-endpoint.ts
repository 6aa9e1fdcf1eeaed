import { type Hook, type Interfaces, type Settings } from '@helmts/core';

/**
 * Answers core's `helmts:tiller-endpoint` event: a legacy plugin with `useTunnel: true` (run by
 * core) gets TILLER_HOST at the Tiller a release command would use: a background Tiller, the
 * in-cluster pod through a port-forward kept open while the plugin runs, or, with no Tiller pod, a
 * Tiller run inside this process (said in one line). The tunnel code is imported only when it fires.
 */
interface TillerEndpointHooks extends Interfaces.Hooks {
  'helmts:tiller-endpoint': {
    options: { settings: Settings; notice: (line: string) => void };
    return: { address: string; close: () => Promise<void> };
  };
}

const tillerEndpointHook: Hook<'helmts:tiller-endpoint', TillerEndpointHooks> = async function (options) {
  const { findTillerEndpoint } = await import('../tiller/connection.js');
  const endpoint = await findTillerEndpoint(options.settings, { notice: options.notice, listen: true });
  return {
    address: endpoint.address,
    close: async () => {
      await endpoint.stopLocal?.();
      await endpoint.tunnel?.close();
    },
  };
};

export default tillerEndpointHook;
