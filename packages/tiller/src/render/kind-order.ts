// Helm 2's kind orders (reference §5): the API group/version is ignored, only `kind` counts.
export const INSTALL_ORDER: readonly string[] = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'Secret',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'ServiceAccount',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'Ingress',
  'APIService',
];

export const UNINSTALL_ORDER: readonly string[] = [
  'APIService',
  'Ingress',
  'Service',
  'CronJob',
  'Job',
  'StatefulSet',
  'HorizontalPodAutoscaler',
  'Deployment',
  'ReplicaSet',
  'ReplicationController',
  'Pod',
  'DaemonSet',
  'RoleBindingList',
  'RoleBinding',
  'RoleList',
  'Role',
  'ClusterRoleBindingList',
  'ClusterRoleBinding',
  'ClusterRoleList',
  'ClusterRole',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'ConfigMap',
  'Secret',
  'PodDisruptionBudget',
  'PodSecurityPolicy',
  'LimitRange',
  'ResourceQuota',
  'NetworkPolicy',
  'Namespace',
];

/**
 * Sorts by kind: known kinds by list index, then by `tieBreak` (the template path); known before
 * unknown; unknown kinds by name then `tieBreak`. Deterministic (Helm 2's sort is not; §5.3).
 */
export function sortByKind<T>(
  items: readonly T[],
  kindOf: (t: T) => string,
  tieBreak: (t: T) => string,
  order: readonly string[],
): T[] {
  const index = new Map(order.map((k, i) => [k, i] as const));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return items
    .map((item, pos) => ({ item, pos }))
    .sort((x, y) => {
      const ka = kindOf(x.item);
      const kb = kindOf(y.item);
      const ia = index.get(ka);
      const ib = index.get(kb);
      let c: number;
      if (ia !== undefined && ib !== undefined) c = ia - ib;
      else if (ia !== undefined) c = -1;
      else if (ib !== undefined) c = 1;
      else c = cmp(ka, kb);
      if (c === 0) c = cmp(tieBreak(x.item), tieBreak(y.item));
      return c === 0 ? x.pos - y.pos : c;
    })
    .map((e) => e.item);
}
