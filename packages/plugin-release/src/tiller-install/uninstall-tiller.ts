import { clusterError, isNotFound, type ClusterAccess } from './cluster-access.js';
import { DEFAULT_SERVICE_ACCOUNT } from './install-request.js';
import {
  clusterRoleName,
  TILLER_DEPLOYMENT,
  TILLER_LABELS,
  TILLER_ROLE,
  TILLER_SECRET,
  TILLER_SERVICE,
  type TillerObject,
} from './manifests.js';

type Header = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

async function read(access: ClusterAccess, header: Header): Promise<TillerObject | undefined> {
  try {
    return (await access.objects.read(header as never)) as unknown as TillerObject;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw clusterError(access, `cannot read ${header.kind} "${header.metadata.name}"`, error);
  }
}

function ours(object: TillerObject | undefined): boolean {
  const labels = object?.metadata?.labels ?? {};
  return Object.entries(TILLER_LABELS).every(([k, v]) => labels[k] === v);
}

/** Deletes one object; returns whether it was there. */
async function remove(access: ClusterAccess, header: Header): Promise<boolean> {
  try {
    await access.objects.delete(header as never, undefined, undefined, undefined, undefined, 'Background');
    return true;
  } catch (error) {
    if (isNotFound(error)) return false;
    throw clusterError(access, `cannot delete ${header.kind} "${header.metadata.name}"`, error);
  }
}

/**
 * Removes Tiller from `namespace` as Helm 2's reset does — Service and Deployment `tiller-deploy`
 * and Secret `tiller-secret` — plus the ServiceAccount and RBAC objects `init` created (only
 * those carrying app=helm,name=tiller: a service account the user brought is left alone).
 * Release records are kept. Returns the objects deleted, as `Kind/name`.
 */
export async function uninstallTiller(access: ClusterAccess, namespace: string): Promise<string[]> {
  const deleted: string[] = [];
  const deployment = await read(access, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: TILLER_DEPLOYMENT, namespace },
  });
  const podSpec = (deployment?.spec as { template?: { spec?: { serviceAccountName?: string } } } | undefined)?.template
    ?.spec;
  const always: Header[] = [
    { apiVersion: 'v1', kind: 'Service', metadata: { name: TILLER_SERVICE, namespace } },
    { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: TILLER_DEPLOYMENT, namespace } },
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: TILLER_SECRET, namespace } },
  ];
  for (const header of always) if (await remove(access, header)) deleted.push(`${header.kind}/${header.metadata.name}`);

  const rbac = 'rbac.authorization.k8s.io/v1';
  const labelled: Header[] = [
    { apiVersion: rbac, kind: 'RoleBinding', metadata: { name: TILLER_ROLE, namespace } },
    { apiVersion: rbac, kind: 'Role', metadata: { name: TILLER_ROLE, namespace } },
    ...[true, false].flatMap((wide) => [
      { apiVersion: rbac, kind: 'ClusterRoleBinding', metadata: { name: clusterRoleName(namespace, wide) } },
      { apiVersion: rbac, kind: 'ClusterRole', metadata: { name: clusterRoleName(namespace, wide) } },
    ]),
  ];
  // A second reset no longer finds the Deployment; the default name still finds what init made.
  for (const name of new Set([podSpec?.serviceAccountName ?? DEFAULT_SERVICE_ACCOUNT, DEFAULT_SERVICE_ACCOUNT])) {
    labelled.push({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
  }
  for (const header of labelled) {
    if (ours(await read(access, header)) && (await remove(access, header)))
      deleted.push(`${header.kind}/${header.metadata.name}`);
  }
  return deleted;
}
