import type { CoreV1Api, V1ConfigMap } from '@kubernetes/client-node';
import { KubeRecordDriver, type RecordObjectApi } from './kube-record-driver.js';

/** Helm 2's default storage: one ConfigMap per revision, `data.release` = base64(gzip(protobuf)). */
export class ConfigMapDriver extends KubeRecordDriver {
  readonly name = 'ConfigMap';
  protected readonly resource = 'configmaps';

  protected makeApi(core: CoreV1Api, namespace: string): RecordObjectApi {
    return {
      create: (body) => core.createNamespacedConfigMap({ namespace, body: body as V1ConfigMap }),
      read: (name) => core.readNamespacedConfigMap({ name, namespace }),
      replace: (name, body) => core.replaceNamespacedConfigMap({ name, namespace, body: body as V1ConfigMap }),
      remove: async (name, resourceVersion) => {
        await core.deleteNamespacedConfigMap({
          name,
          namespace,
          body: resourceVersion ? { preconditions: { resourceVersion } } : undefined,
        });
      },
    };
  }
}
