import type { KubeConfig } from '@kubernetes/client-node';
import type { Driver } from './driver.js';
import { ConfigMapDriver } from './configmap-driver.js';
import { MemoryDriver } from './memory-driver.js';
import { SecretDriver } from './secret-driver.js';
import { StorageError } from './errors.js';
import type { ApiCallPolicy } from '../kube/api-call.js';

/** Values of Tiller's --storage flag (Helm 2's `sql` is not supported). */
export type StorageDriverName = 'configmap' | 'secret' | 'memory';

export interface CreateDriverOptions {
  namespace: string;
  kubeConfig?: KubeConfig;
  onWarning?: (message: string) => void;
  /** deadline and retries of each API call (ConfigMap/Secret drivers) */
  retry?: ApiCallPolicy;
}

/** The driver for a --storage value. */
export function createDriver(kind: string, options: CreateDriverOptions): Driver {
  switch (kind) {
    case 'configmap':
      return new ConfigMapDriver(options);
    case 'secret':
      return new SecretDriver(options);
    case 'memory':
      return new MemoryDriver();
    default:
      throw new StorageError(`unknown storage driver ${JSON.stringify(kind)} (want configmap, secret or memory)`);
  }
}
