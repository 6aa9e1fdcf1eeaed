/** Helm 4's InstallOrder / UninstallOrder and its stable kind sort. */
export const INSTALL_ORDER: readonly string[] = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
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
  'IngressClass',
  'Ingress',
  'APIService',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

export const UNINSTALL_ORDER: readonly string[] = [
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'APIService',
  'Ingress',
  'IngressClass',
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
  'PersistentVolumeClaim',
  'PersistentVolume',
  'StorageClass',
  'ConfigMap',
  'SecretList',
  'Secret',
  'ServiceAccount',
  'PodDisruptionBudget',
  'PodSecurityPolicy',
  'LimitRange',
  'ResourceQuota',
  'NetworkPolicy',
  'Namespace',
  'PriorityClass',
];

/**
 * Stable sort by kind: known kinds by their index, unknown kinds after them in alphabetical order;
 * equal kinds keep their input order.
 */
export function sortByKind<T>(
  items: readonly T[],
  kindOf: (item: T) => string,
  ordering: readonly string[] = INSTALL_ORDER,
): T[] {
  const index = new Map<string, number>();
  ordering.forEach((k, i) => index.set(k, i));
  return [...items].sort((a, b) => {
    const ka = kindOf(a);
    const kb = kindOf(b);
    const ia = index.get(ka);
    const ib = index.get(kb);
    if (ia === undefined && ib === undefined) return ka === kb ? 0 : ka < kb ? -1 : 1;
    if (ia === undefined) return 1;
    if (ib === undefined) return -1;
    return ia - ib;
  });
}

/** Helm 2.17.0's InstallOrder (pkg/tiller/kind_sorter.go). */
export const HELM2_INSTALL_ORDER: readonly string[] = [
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

/** Helm 2.17.0's UninstallOrder (pkg/tiller/kind_sorter.go). */
export const HELM2_UNINSTALL_ORDER: readonly string[] = [
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
 * Helm 2's kindSorter (the API group/version is ignored, only the kind counts): known kinds by
 * their index in `ordering`, unknown kinds after them by kind; within one kind by `nameOf` (the
 * template path); what is still equal keeps its input order. Helm 2's own sort is not stable
 * (reference §5.3), so where it may give either order this gives one, always the same.
 */
export function sortByKindThenName<T>(
  items: readonly T[],
  kindOf: (item: T) => string,
  nameOf: (item: T) => string,
  ordering: readonly string[],
): T[] {
  const index = new Map<string, number>();
  ordering.forEach((k, i) => index.set(k, i));
  const byName = (a: T, b: T): number => {
    const [x, y] = [nameOf(a), nameOf(b)];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return [...items].sort((a, b) => {
    const [ka, kb] = [kindOf(a), kindOf(b)];
    const ia = index.get(ka);
    const ib = index.get(kb);
    if (ia === undefined && ib === undefined) {
      if (ka !== kb) return ka < kb ? -1 : 1;
      return byName(a, b);
    }
    if (ia === undefined) return 1;
    if (ib === undefined) return -1;
    return ia === ib ? byName(a, b) : ia - ib;
  });
}
