import { clusterError, isNotFound, type ClusterAccess } from './cluster-access.js';

/**
 * The names of the releases with a DEPLOYED record in Tiller's storage, read straight from the
 * records' labels (OWNER=TILLER,STATUS=DEPLOYED) in ConfigMaps and Secrets, so it works whether
 * or not a Tiller is running.
 */
export async function deployedReleaseNames(access: ClusterAccess, namespace: string): Promise<string[]> {
  const names = new Set<string>();
  for (const kind of ['ConfigMap', 'Secret']) {
    let continueToken: string | undefined;
    do {
      let page;
      try {
        page = await access.objects.list(
          'v1',
          kind,
          namespace,
          undefined,
          undefined,
          undefined,
          undefined,
          'OWNER=TILLER,STATUS=DEPLOYED',
          500,
          continueToken,
        );
      } catch (error) {
        if (isNotFound(error)) break;
        throw clusterError(access, `cannot list the release records (${kind}s) in "${namespace}"`, error);
      }
      for (const item of page.items) {
        const name = item.metadata?.labels?.NAME;
        if (name) names.add(name);
      }
      continueToken = page.metadata?._continue || undefined;
    } while (continueToken);
  }
  return [...names].sort();
}
