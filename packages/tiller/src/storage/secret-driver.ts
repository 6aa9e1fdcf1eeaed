import type { CoreV1Api, V1Secret } from '@kubernetes/client-node';
import { KubeRecordDriver, type RecordObjectApi } from './kube-record-driver.js';

/**
 * `--storage=secret`: like the ConfigMap driver, but a Secret whose `data.release` holds the bytes
 * of the base64 text — so the API shows base64(base64(gzip(protobuf))). No `type` is set (Opaque).
 */
export class SecretDriver extends KubeRecordDriver {
  readonly name = 'Secret';
  protected readonly resource = 'secrets';

  protected makeApi(core: CoreV1Api, namespace: string): RecordObjectApi {
    return {
      create: (body) => core.createNamespacedSecret({ namespace, body: body as V1Secret }),
      read: (name) => core.readNamespacedSecret({ name, namespace }),
      replace: (name, body) => core.replaceNamespacedSecret({ name, namespace, body: body as V1Secret }),
      remove: async (name, resourceVersion) => {
        await core.deleteNamespacedSecret({
          name,
          namespace,
          body: resourceVersion ? { preconditions: { resourceVersion } } : undefined,
        });
      },
    };
  }

  // Secret data travels base64-encoded in JSON; client-node passes it through as is.
  protected override encodeValue(text: string): string {
    return Buffer.from(text, 'utf8').toString('base64');
  }

  protected override decodeValue(wire: string): string {
    return Buffer.from(wire, 'base64').toString('utf8');
  }
}
