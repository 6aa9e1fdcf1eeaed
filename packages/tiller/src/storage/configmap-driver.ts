import { KubeRecordDriver } from './kube-record-driver.js';

/** Helm 2's default storage: one ConfigMap per revision, `data.release` = base64(gzip(protobuf)). */
export class ConfigMapDriver extends KubeRecordDriver {
  readonly name = 'ConfigMap';
  protected readonly resource = 'configmaps';
}
