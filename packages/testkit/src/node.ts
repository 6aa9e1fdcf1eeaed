// The local cluster's node (kubelet + containerd, see scripts/cluster/README.md): whether one
// runs, its name, and the images built for it, so tests can run real pods.
import { execFile } from 'node:child_process';
import { CoreV1Api } from '@kubernetes/client-node';
import { kubeConfigFor, localClusterScript, type ClusterInfo } from './cluster.js';

export interface ClusterNode {
  /** Node name (`127.0.0.1`: the kubelet's address is loopback). */
  name: string;
  /** `localhost/helmts/busybox:<version>`: sh, sleep, httpd (-h /www), wget; pull policy Never. */
  busyboxImage: string;
  /** The sandbox image (`localhost/helmts/pause:1.0`). */
  pauseImage: string;
}

function scriptEnv(): Promise<Record<string, string>> {
  return new Promise((resolve) => {
    execFile('bash', [localClusterScript(), 'env'], { timeout: 60_000 }, (error, stdout) => {
      const vars: Record<string, string> = {};
      if (!error) {
        for (const m of stdout.matchAll(/^export ([A-Z_]+)=(.*)$/gm)) vars[m[1]] = m[2];
      }
      resolve(vars);
    });
  });
}

/**
 * The node of `cluster` if one is registered and Ready, else undefined. Image names come from the
 * environment (`eval "$(scripts/local-cluster.sh env)"` exports them) or from the script itself.
 */
export async function clusterNode(cluster: ClusterInfo): Promise<ClusterNode | undefined> {
  let vars: Record<string, string> = process.env as Record<string, string>;
  if (!vars.HELMTS_CLUSTER_BUSYBOX_IMAGE) vars = await scriptEnv();
  const name = vars.HELMTS_CLUSTER_NODE_NAME;
  if (!name || !vars.HELMTS_CLUSTER_BUSYBOX_IMAGE || !vars.HELMTS_CLUSTER_PAUSE_IMAGE) return undefined;
  const core = kubeConfigFor(cluster).makeApiClient(CoreV1Api);
  const node = await core.readNode({ name }).catch(() => undefined);
  const ready = node?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
  if (!ready) return undefined;
  return { name, busyboxImage: vars.HELMTS_CLUSTER_BUSYBOX_IMAGE, pauseImage: vars.HELMTS_CLUSTER_PAUSE_IMAGE };
}
