/** One RBAC rule, as `rbac.authorization.k8s.io/v1` spells it. */
export interface PolicyRule {
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
  verbs: string[];
}

const ALL_VERBS = ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];

/**
 * What Tiller needs in its own namespace: its release storage (ConfigMaps or Secrets), its
 * per-release Leases, and the kinds a chart typically creates. Roles are included with
 * `bind`/`escalate` because charts ship Roles and RoleBindings, which Kubernetes only lets a
 * subject create if it may escalate; this keeps Tiller's power inside the namespace.
 */
export const NAMESPACED_TILLER_RULES: readonly PolicyRule[] = [
  {
    apiGroups: [''],
    resources: [
      'configmaps',
      'secrets',
      'services',
      'serviceaccounts',
      'endpoints',
      'persistentvolumeclaims',
      'pods',
      'pods/log',
      'replicationcontrollers',
      'events',
      'limitranges',
      'resourcequotas',
    ],
    verbs: ALL_VERBS,
  },
  { apiGroups: ['apps'], resources: ['deployments', 'statefulsets', 'daemonsets', 'replicasets'], verbs: ALL_VERBS },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: ALL_VERBS },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: ALL_VERBS },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: ALL_VERBS },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: ALL_VERBS },
  { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ALL_VERBS },
  {
    apiGroups: ['rbac.authorization.k8s.io'],
    resources: ['roles', 'rolebindings'],
    verbs: [...ALL_VERBS, 'bind', 'escalate'],
  },
];

/**
 * Tiller reads the namespace it installs into before installing (and would create a missing
 * one). A Role cannot grant that, so the namespaced install adds this one cluster-scoped rule,
 * limited by name to Tiller's own namespace.
 */
export function namespaceReadRule(namespace: string): PolicyRule {
  return { apiGroups: [''], resources: ['namespaces'], resourceNames: [namespace], verbs: ['get'] };
}

/**
 * Tiller inside a pod runs with --authz=impersonate: it acts as each caller (who they are comes
 * from a TokenReview or its mTLS client certificate) and asks the apiserver what they may do.
 */
export const IMPERSONATION_RULES: readonly PolicyRule[] = [
  { apiGroups: [''], resources: ['users', 'groups', 'serviceaccounts'], verbs: ['impersonate'] },
  { apiGroups: ['authentication.k8s.io'], resources: ['tokenreviews'], verbs: ['create'] },
  { apiGroups: ['authorization.k8s.io'], resources: ['subjectaccessreviews'], verbs: ['create'] },
];

/** `--cluster-wide`: everything, everywhere — what Helm 2 users bound with cluster-admin. */
export const CLUSTER_WIDE_TILLER_RULES: readonly PolicyRule[] = [
  { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
  { nonResourceURLs: ['*'], verbs: ['*'] },
];
