/** What was wrong with the image description (a path, a name, a host file), as one line. */
export class InvalidImageError extends Error {
  override name = 'InvalidImageError';
}
