/**
 * @helmts/oci-image: deterministic OCI image-layout archives built from files, directories and
 * symbolic links (no Docker daemon), for a container runtime to import or a registry to receive
 * (`pushImageArchive`); any other OCI artifact pushed and pulled with the distribution API
 * (`pushArtifact`, `pullArtifact`, `listTags`). It knows nothing about charts, Tiller or the CLI.
 */
export { InvalidImageError, RegistryError } from './errors.js';
export { layerPath, layerTarEntries, writeLayer, type LayerEntry } from './layer.js';
export { hostFile, hostTree } from './host-files.js';
export {
  buildImageArchive,
  MEDIA_TYPES,
  parseReference,
  referenceTag,
  writeImageArchive,
  type Descriptor,
  type ImageArchive,
  type ImageArchiveOptions,
  type ImageConfig,
} from './image-archive.js';
export { pushImageArchive, type PushOptions } from './push-image.js';
export type { PushResult } from './push-manifest.js';
export { goJson, pushArtifact, type Artifact, type ArtifactBlob } from './push-artifact.js';
export { pullArtifact, type PulledArtifact, type PulledBlob } from './pull-artifact.js';
export { listTags } from './list-tags.js';
export { parseRepository, type RegistryOptions } from './registry-repository.js';
export {
  defaultRegistryConfig,
  readRegistryCredentials,
  removeRegistryCredentials,
  storeRegistryCredentials,
  type RegistryCredentials,
} from './registry-credentials.js';
export { checkRegistryLogin } from './registry-login.js';
