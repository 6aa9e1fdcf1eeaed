/** A Kubernetes API version of a kind: deprecated in one release, removed in a later one. */
interface ApiLifecycle {
  apiVersion: string;
  kinds: string[];
  deprecated: [number, number];
  removed: [number, number];
  replacement: string;
  /** The kind Helm names in the replacement, where k8s.io/api's lifecycle data names another. */
  replacementKind?: string;
}

/**
 * The widely used APIs Kubernetes deprecated and removed (from the Kubernetes deprecation guide),
 * as helm v4.1.4 reports them: only the kinds client-go's scheme registers (so no
 * apiextensions.k8s.io CustomResourceDefinition, no rbac v1alpha1), with k8s.io/api's release numbers.
 * PodSecurityPolicy is left out: it has no replacement and today's Helm does not report it.
 */
const LIFECYCLES: ApiLifecycle[] = [
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Deployment', 'DaemonSet', 'ReplicaSet'],
    deprecated: [1, 8],
    removed: [1, 16],
    replacement: 'apps/v1',
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['NetworkPolicy'],
    deprecated: [1, 9],
    removed: [1, 16],
    replacement: 'networking.k8s.io/v1',
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Ingress'],
    deprecated: [1, 14],
    removed: [1, 22],
    replacement: 'networking.k8s.io/v1',
  },
  {
    apiVersion: 'apps/v1beta1',
    kinds: ['Deployment', 'StatefulSet', 'ControllerRevision'],
    deprecated: [1, 8],
    removed: [1, 16],
    replacement: 'apps/v1',
  },
  {
    apiVersion: 'apps/v1beta2',
    kinds: ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'ControllerRevision'],
    deprecated: [1, 9],
    removed: [1, 16],
    replacement: 'apps/v1',
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['Ingress'],
    deprecated: [1, 19],
    removed: [1, 22],
    replacement: 'networking.k8s.io/v1',
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['IngressClass'],
    deprecated: [1, 19],
    removed: [1, 22],
    replacement: 'networking.k8s.io/v1',
    replacementKind: 'IngressClassList',
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1beta1',
    kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    deprecated: [1, 17],
    removed: [1, 22],
    replacement: 'rbac.authorization.k8s.io/v1',
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    deprecated: [1, 16],
    removed: [1, 22],
    replacement: 'admissionregistration.k8s.io/v1',
  },
  {
    apiVersion: 'scheduling.k8s.io/v1beta1',
    kinds: ['PriorityClass'],
    deprecated: [1, 14],
    removed: [1, 22],
    replacement: 'scheduling.k8s.io/v1',
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['StorageClass', 'VolumeAttachment', 'CSIDriver'],
    deprecated: [1, 19],
    removed: [1, 22],
    replacement: 'storage.k8s.io/v1',
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSINode'],
    deprecated: [1, 17],
    removed: [1, 22],
    replacement: 'storage.k8s.io/v1',
  },
  {
    apiVersion: 'coordination.k8s.io/v1beta1',
    kinds: ['Lease'],
    deprecated: [1, 19],
    removed: [1, 22],
    replacement: 'coordination.k8s.io/v1',
  },
  {
    apiVersion: 'certificates.k8s.io/v1beta1',
    kinds: ['CertificateSigningRequest'],
    deprecated: [1, 19],
    removed: [1, 22],
    replacement: 'certificates.k8s.io/v1',
  },
  { apiVersion: 'batch/v1beta1', kinds: ['CronJob'], deprecated: [1, 21], removed: [1, 25], replacement: 'batch/v1' },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodDisruptionBudget'],
    deprecated: [1, 21],
    removed: [1, 25],
    replacement: 'policy/v1',
  },
  {
    apiVersion: 'discovery.k8s.io/v1beta1',
    kinds: ['EndpointSlice'],
    deprecated: [1, 21],
    removed: [1, 25],
    replacement: 'discovery.k8s.io/v1',
  },
  {
    apiVersion: 'autoscaling/v2beta1',
    kinds: ['HorizontalPodAutoscaler'],
    deprecated: [1, 22],
    removed: [1, 25],
    replacement: 'autoscaling/v2',
  },
  {
    apiVersion: 'autoscaling/v2beta2',
    kinds: ['HorizontalPodAutoscaler'],
    deprecated: [1, 23],
    removed: [1, 26],
    replacement: 'autoscaling/v2',
  },
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
    kinds: ['FlowSchema', 'PriorityLevelConfiguration'],
    deprecated: [1, 26],
    removed: [1, 29],
    replacement: 'flowcontrol.apiserver.k8s.io/v1beta3',
  },
];

const atLeast = (version: [number, number], than: [number, number]) =>
  version[0] > than[0] || (version[0] === than[0] && version[1] >= than[1]);

/** The deprecation warning for an object at `kubeVersion` (major, minor), if its API is deprecated there (removed or not, as Helm reports it). */
export function deprecationOf(apiVersion: string, kind: string, kubeVersion: [number, number]): string | undefined {
  const lifecycle = LIFECYCLES.find((l) => l.apiVersion === apiVersion && l.kinds.includes(kind));
  if (lifecycle === undefined || !atLeast(kubeVersion, lifecycle.deprecated)) return undefined;
  const [dMajor, dMinor] = lifecycle.deprecated;
  const [rMajor, rMinor] = lifecycle.removed;
  return `${apiVersion} ${kind} is deprecated in v${dMajor}.${dMinor}+, unavailable in v${rMajor}.${rMinor}+; use ${lifecycle.replacement} ${lifecycle.replacementKind ?? kind}`;
}
