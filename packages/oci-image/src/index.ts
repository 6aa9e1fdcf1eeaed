/**
 * @helmts/oci-image: deterministic OCI image-layout archives built from files, directories and
 * symbolic links (no Docker daemon), for a container runtime to import or a registry to receive
 * (`pushImageArchive`).
 * It knows nothing about charts, Tiller or the CLI.
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
export { pushImageArchive, type PushOptions, type PushResult } from './push-image.js';
