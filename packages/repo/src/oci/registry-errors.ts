/** @helmts/oci-image's errors in chart words, as RepoErrors (what fetch, install and push report in one line). */
import { InvalidImageError, RegistryError } from '@helmts/oci-image';

import { RepoError, RepoNotFoundError } from '../errors.js';

export function asRepoError(error: unknown): unknown {
  // A reference the distribution spec does not allow (e.g. upper case in the path).
  if (error instanceof InvalidImageError) {
    const name = /"([^"]*)"/.exec(error.message)?.[1] ?? '';
    return new RepoError(`invalid OCI reference "${name}"`, {
      hint: 'an OCI reference is HOST[:PORT]/path/name:tag, the path in lower case',
      cause: error,
    });
  }
  if (!(error instanceof RegistryError)) return error;
  return /not found|no such repository/.test(error.message)
    ? new RepoNotFoundError(error.message, { cause: error })
    : new RepoError(error.message, { cause: error });
}
