// What the cluster offers a chart render (`.Capabilities`): the Kubernetes client discovers it,
// rendering reads it. A leaf module, so neither side has to import the other.
import type { ServerVersionInfo } from '@helmts/engine';

export interface KubeVersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
  /** the server's whole version.Info as it reported it (Helm 2's .Capabilities.KubeVersion) */
  info?: ServerVersionInfo;
}

export interface RenderCapabilities {
  kubeVersion: KubeVersionInfo;
  apiVersions: string[];
}
