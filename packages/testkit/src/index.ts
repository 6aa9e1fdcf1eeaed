export {
  ensureCluster,
  kubeConfigFor,
  localClusterScript,
  uniqueNamespace,
  ClusterUnavailableError,
  type ClusterInfo,
  type EnsureClusterOptions,
} from './cluster.js';
export { clusterNode, type ClusterNode } from './node.js';
export { HELMTS_BIN, runHelmts, runHelmtsAsync, type HelmtsResult, type RunHelmtsOptions } from './run-helmts.js';
export { conformanceDir, findConformanceDir } from './conformance.js';
export { helm2Oracle } from './parity/helm2-oracle.js';
export { gpgSigner, type GpgSigner } from './gpg-signer.js';
export { freePort } from './free-port.js';
export { suiteNamespace, type SuiteNamespace } from './suite-namespace.js';
export {
  completeLine,
  completionSandbox,
  interactiveShell,
  COMPLETION_MODES,
  type CompletionMode,
  type CompletionShell,
  type InteractiveCompletion,
} from './shell-completion.js';
