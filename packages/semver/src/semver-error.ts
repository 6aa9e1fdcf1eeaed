/** A version or constraint that does not parse. Messages are Masterminds semver's. */
export class SemverError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SemverError';
  }
}
