import { SemVersion } from '@helmts/chart';
import { HelmtsError } from '@helmts/core';

import { clusterError, isNotFound, type ClusterAccess } from './cluster-access.js';
import type { TillerInstallRequest } from './install-request.js';
import { TILLER_POD_SELECTOR } from '../tunnel/find-tiller-pod.js';
import { TILLER_DEPLOYMENT, TILLER_LABELS, type TillerObject } from './manifests.js';

const INIT_FIELD_MANAGER = 'helmts-init';

export type ApplyOutcome = 'installed' | 'upgraded' | 'already-installed';

function hasTillerLabels(object: TillerObject | undefined): boolean {
  const labels = object?.metadata?.labels ?? {};
  return Object.entries(TILLER_LABELS).every(([k, v]) => labels[k] === v);
}

async function readObject(
  access: ClusterAccess,
  header: Pick<TillerObject, 'apiVersion' | 'kind'> & { metadata: { name: string; namespace?: string } },
) {
  try {
    return (await access.objects.read(header as never)) as unknown as TillerObject;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw clusterError(access, `cannot read ${header.kind} "${header.metadata.name}"`, error);
  }
}

function imageTag(image: string | undefined): SemVersion | undefined {
  if (!image) return undefined;
  const at = image.lastIndexOf(':');
  if (at < 0 || image.slice(at).includes('/')) return undefined;
  return SemVersion.tryParse(image.slice(at + 1).replace(/^v/, ''));
}

function containerImage(deployment: TillerObject): string | undefined {
  const spec = deployment.spec as
    { template?: { spec?: { containers?: { name?: string; image?: string }[] } } } | undefined;
  const containers = spec?.template?.spec?.containers ?? [];
  return (containers.find((c) => c.name === 'tiller') ?? containers[0])?.image;
}

/** Helm 2 refuses to replace a newer Tiller by an older one unless forced. */
function checkDowngrade(existing: TillerObject, request: TillerInstallRequest): void {
  if (request.forceUpgrade) return;
  const current = imageTag(containerImage(existing));
  const wanted = imageTag(request.image);
  if (current && wanted && current.compare(wanted) > 0) {
    throw new HelmtsError(
      `current Tiller version ${current.toString()} is newer than the one to install ${wanted.toString()}, use --force-upgrade to downgrade`,
    );
  }
}

async function ensureNamespace(access: ClusterAccess, namespace: string): Promise<void> {
  const header = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } };
  if (await readObject(access, header)) return;
  try {
    await access.objects.create(header as never);
  } catch (error) {
    if ((error as { code?: number }).code !== 409)
      throw clusterError(access, `cannot create namespace "${namespace}"`, error);
  }
}

/**
 * Installs (or with `upgrade` re-applies) Tiller's objects with server-side apply. A Deployment
 * already there without `upgrade` changes nothing. A ServiceAccount the user made themselves
 * (no app=helm,name=tiller labels) is used as it is and never taken over.
 */
export async function applyTiller(
  access: ClusterAccess,
  request: TillerInstallRequest,
  objects: readonly TillerObject[],
): Promise<ApplyOutcome> {
  const { PatchStrategy } = await import('@kubernetes/client-node');
  const existing = await readObject(access, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: TILLER_DEPLOYMENT, namespace: request.namespace },
  });
  if (existing && !request.upgrade) return 'already-installed';
  if (existing) checkDowngrade(existing, request);
  await ensureNamespace(access, request.namespace);
  for (const object of objects) {
    if (object.kind === 'ServiceAccount') {
      const current = await readObject(access, object);
      if (current && !hasTillerLabels(current)) continue;
    }
    try {
      await access.objects.patch(
        object as never,
        undefined,
        undefined,
        INIT_FIELD_MANAGER,
        true,
        PatchStrategy.ServerSideApply,
      );
    } catch (error) {
      throw clusterError(access, `cannot apply ${object.kind} "${object.metadata.name}"`, error);
    }
  }
  return existing ? 'upgraded' : 'installed';
}

interface PodState {
  metadata?: { name?: string };
  status?: {
    phase?: string;
    conditions?: Array<{ type?: string; status?: string; reason?: string; message?: string }>;
    containerStatuses?: Array<{
      ready?: boolean;
      state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; exitCode?: number } };
      lastState?: { terminated?: { reason?: string; exitCode?: number } };
    }>;
  };
}

/** What keeps Tiller's pods from being ready, in a few words each (the kubelet's own reasons). */
async function tillerPodState(access: ClusterAccess, namespace: string): Promise<string> {
  let pods: PodState[];
  try {
    const list = await access.objects.list(
      'v1',
      'Pod',
      namespace,
      undefined,
      undefined,
      undefined,
      undefined,
      TILLER_POD_SELECTOR,
    );
    pods = list.items as PodState[];
  } catch {
    return 'its pods could not be read';
  }
  if (pods.length === 0) return 'no pod was created';
  return pods
    .map((pod) => {
      const container = pod.status?.containerStatuses?.[0];
      const waiting = container?.state?.waiting;
      const terminated = container?.state?.terminated ?? container?.lastState?.terminated;
      const unscheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False');
      const state = waiting?.reason
        ? `${waiting.reason}${waiting.message ? ` (${waiting.message})` : ''}`
        : terminated?.reason
          ? `${terminated.reason}, exit code ${terminated.exitCode ?? '?'}`
          : unscheduled
            ? `not scheduled: ${unscheduled.message ?? unscheduled.reason ?? ''}`
            : container && !container.ready
              ? 'running, not ready (readiness probe)'
              : (pod.status?.phase ?? 'unknown');
      return `pod ${pod.metadata?.name ?? '?'} ${state}`;
    })
    .join('; ');
}

/** `--wait`: until the Deployment reports a ready replica of its latest generation. */
export async function waitForTiller(access: ClusterAccess, namespace: string, timeoutSeconds: number): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const deployment = await readObject(access, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: TILLER_DEPLOYMENT, namespace },
    });
    const status = deployment?.status as
      { readyReplicas?: number; observedGeneration?: number; updatedReplicas?: number } | undefined;
    const generation = (deployment?.metadata as { generation?: number } | undefined)?.generation;
    if (
      status &&
      (status.readyReplicas ?? 0) > 0 &&
      (status.updatedReplicas ?? 0) > 0 &&
      (generation === undefined || status.observedGeneration === generation)
    )
      return;
    if (Date.now() >= deadline) {
      const why = await tillerPodState(access, namespace);
      throw new HelmtsError(
        `Tiller was not ready after ${timeoutSeconds}s (Deployment ${namespace}/${TILLER_DEPLOYMENT}): ${why}`,
        {
          hint:
            'check its pods with "kubectl -n ' +
            namespace +
            ` get pods -l ${TILLER_POD_SELECTOR}"; --tiller-connection-timeout sets how long to wait`,
        },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
