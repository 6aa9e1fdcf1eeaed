/** What was wrong with the image description (a path, a name, a host file), as one line. */
export class InvalidImageError extends Error {
  override name = 'InvalidImageError';
}

/** A push the registry refused or could not receive (unreachable, HTTP error), as one line. */
export class RegistryError extends Error {
  override name = 'RegistryError';
}
