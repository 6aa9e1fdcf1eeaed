import type { Settings } from '@helmts/core';

import { findTillerPod, TILLER_POD_SELECTOR } from './find-tiller-pod.js';
import { apiServerAccess } from './kubeconfig-access.js';
import { loadWebSocket, openPortForward, type PortForward } from './port-forward.js';

export type TillerTunnel = PortForward & {
  pod: string;
  namespace: string;
  /** The pod's Tiller port the tunnel reaches. */
  port: number;
  /** The pod is still the Ready Tiller (a connection it ended was refused, not cut by its going away). */
  podStillReady(): Promise<boolean>;
};

/**
 * A port-forward to a Ready Tiller pod (labels app=helm,name=tiller) in the Tiller namespace,
 * through the API server, as Helm 2 does when no --host is given. Tiller pods that exist but are
 * not Ready (starting, or being replaced by their Deployment) are waited for, up to `waitSeconds`.
 * `none` says why there is no tunnel: no Tiller pod at all (the caller may run a local Tiller), or
 * pods that stayed not Ready.
 */
export async function openTillerTunnel(
  settings: Settings,
  waitSeconds = 0,
): Promise<{ tunnel: TillerTunnel } | { none: 'no-pod' | 'not-ready'; detail: string }> {
  const access = apiServerAccess(settings);
  const namespace = settings.tillerNamespace;
  const deadline = Date.now() + waitSeconds * 1000;
  // The WebSocket library loads while the API server works on the lookup: CPU that would otherwise
  // come between its answer and the port-forward's upgrade.
  let { ready, total } = await findTillerPod(settings, access, namespace, () => void loadWebSocket());
  while (!ready && total > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    ({ ready, total } = await findTillerPod(settings, access, namespace));
  }
  if (!ready) {
    return total === 0
      ? { none: 'no-pod', detail: `no Tiller pod (${TILLER_POD_SELECTOR}) in namespace ${namespace}` }
      : { none: 'not-ready', detail: `${total} Tiller pod(s) in namespace ${namespace}, none Ready` };
  }
  const forward = await openPortForward(settings, access, { namespace, pod: ready.name, port: ready.port });
  const podStillReady = async () => (await findTillerPod(settings, access, namespace)).ready?.name === ready.name;
  return { tunnel: { ...forward, pod: ready.name, namespace, port: ready.port, podStillReady } };
}
