import { KubeRecordDriver } from './kube-record-driver.js';

/**
 * `--storage=secret`: like the ConfigMap driver, but a Secret whose `data.release` holds the bytes
 * of the base64 text — so the API shows base64(base64(gzip(protobuf))). No `type` is set (Opaque).
 */
export class SecretDriver extends KubeRecordDriver {
  readonly name = 'Secret';
  protected readonly resource = 'secrets';

  // Secret data travels base64-encoded in JSON.
  protected override encodeValue(text: string): string {
    return Buffer.from(text, 'utf8').toString('base64');
  }

  protected override decodeValue(wire: string): string {
    return Buffer.from(wire, 'base64').toString('utf8');
  }
}
