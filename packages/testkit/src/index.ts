export {
  ensureCluster,
  kubeConfigFor,
  localClusterScript,
  uniqueNamespace,
  ClusterUnavailableError,
  type ClusterInfo,
  type EnsureClusterOptions,
} from './cluster.js';
