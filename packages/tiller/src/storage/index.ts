export type { Driver, UpdateOptions } from './driver.js';
export {
  InvalidReleaseKeyError,
  ReleaseExistsError,
  ReleaseNotFoundError,
  StorageConflictError,
  StorageError,
} from './errors.js';
export {
  LABEL,
  OWNER_TILLER,
  decodeReleaseRecord,
  encodeReleaseRecord,
  labelsMatch,
  parseRecordKey,
  recordKey,
  releaseLabels,
  statusOf,
  type LabelFilter,
  type RecordLabels,
} from './record.js';
export { MemoryDriver } from './memory-driver.js';
export {
  KubeRecordDriver,
  RECORD_DATA_KEY,
  type KubeRecordDriverOptions,
  type RecordObject,
  type RecordObjectApi,
} from './kube-record-driver.js';
export { ConfigMapDriver } from './configmap-driver.js';
export { SecretDriver } from './secret-driver.js';
export { NoDeployedReleaseError, NoRevisionError, Storage, type StorageOptions } from './storage.js';
export { createDriver, type StorageDriverName, type CreateDriverOptions } from './create-driver.js';
