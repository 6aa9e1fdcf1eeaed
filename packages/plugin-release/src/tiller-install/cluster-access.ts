import type { KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { ConnectionError, HelmtsError, type Settings } from '@helmts/core';

/** The cluster as the user's kubeconfig (and --kube-context) names it. */
export interface ClusterAccess {
  kubeConfig: KubeConfig;
  objects: KubernetesObjectApi;
  server: string;
}

/** @kubernetes/client-node is imported only when a command really talks to the cluster. */
export async function openCluster(settings: Settings): Promise<ClusterAccess> {
  const { KubeConfig, KubernetesObjectApi } = await import('@kubernetes/client-node');
  const kubeConfig = new KubeConfig();
  try {
    if (settings.kubeconfig) kubeConfig.loadFromFile(settings.kubeconfig);
    else kubeConfig.loadFromDefault();
    if (settings.kubeContext) kubeConfig.setCurrentContext(settings.kubeContext);
  } catch (error) {
    throw new HelmtsError(`cannot load the kubeconfig: ${(error as Error).message}`, {
      hint: 'check --kubeconfig/KUBECONFIG and --kube-context',
    });
  }
  const server = kubeConfig.getCurrentCluster()?.server;
  if (!server)
    throw new HelmtsError('the kubeconfig has no current cluster', {
      hint: 'check --kubeconfig/KUBECONFIG and --kube-context',
    });
  return { kubeConfig, objects: KubernetesObjectApi.makeApiClient(kubeConfig), server };
}

interface ApiFailure {
  code?: number;
  body?: unknown;
  message?: string;
}

/** The HTTP status of an apiserver failure, undefined for a transport error. */
function statusOf(error: unknown): number | undefined {
  const code = (error as ApiFailure)?.code;
  return typeof code === 'number' && code >= 100 && code < 600 ? code : undefined;
}

export function isNotFound(error: unknown): boolean {
  return statusOf(error) === 404;
}

function apiMessage(error: unknown): string {
  let body = (error as ApiFailure)?.body;
  if (typeof body === 'string') {
    const text = body;
    try {
      body = JSON.parse(text);
    } catch {
      return text.trim() || String((error as Error)?.message ?? error);
    }
  }
  const message = (body as { message?: unknown } | undefined)?.message;
  return typeof message === 'string' ? message : String((error as Error)?.message ?? error);
}

/** One line saying what failed on which object, the apiserver's own words included. */
export function clusterError(access: ClusterAccess, doing: string, error: unknown): HelmtsError {
  const status = statusOf(error);
  if (status === undefined) {
    return new ConnectionError(`the Kubernetes API at ${access.server}`, String((error as Error)?.message ?? error), {
      hint: 'check --kubeconfig/KUBECONFIG and --kube-context',
      cause: error,
    });
  }
  const hint =
    status === 403 ? 'your kubeconfig user lacks the RBAC permissions for this; ask a cluster admin' : undefined;
  return new HelmtsError(`${doing}: ${apiMessage(error)}`, { hint, cause: error });
}
