// What the cluster offers a chart render (`.Capabilities`): the Kubernetes client discovers it,
// rendering reads it. A leaf module, so neither side has to import the other.
export interface KubeVersionInfo {
  major: string;
  minor: string;
  gitVersion: string;
}

export interface RenderCapabilities {
  kubeVersion: KubeVersionInfo;
  apiVersions: string[];
}
